import { getSecret, type createDaprClient } from '@shop/service-kit';

/**
 * The payment webhook's HMAC key, read only from the Dapr secret store (a local file in
 * development, Kubernetes Secrets in the cluster) and never from the environment or a log.
 */
export async function loadWebhookSecret(
  dapr: ReturnType<typeof createDaprClient>,
  store: string,
  name: string,
): Promise<string> {
  const secret = await getSecret(dapr, store, name);
  // The file store answers {name: value}; a Kubernetes Secret may name its one key differently.
  const values = Object.values(secret);
  const value = secret[name] ?? (values.length === 1 ? values[0] : undefined);
  if (value === undefined || value.length < 16) {
    throw new Error(`The secret ${name} is missing or shorter than 16 characters`);
  }
  return value;
}
