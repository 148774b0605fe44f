import { getSecret, privateJwkSchema, type DaprClient, type PrivateJwk } from '@shop/service-kit';
import { z } from 'zod';

export interface SigningKeys {
  readonly current: PrivateJwk;
  readonly previous?: PrivateJwk;
}

const keysSchema = z.object({ current: privateJwkSchema, previous: privateJwkSchema.optional() }).strict();

/**
 * Parses the secret's JSON. Errors name the failing paths only: the value is a private key
 * and must never reach a log or an exception message.
 */
export function parseSigningKeys(raw: string | undefined): SigningKeys {
  let json: unknown;
  try {
    json = JSON.parse(raw ?? '');
  } catch {
    throw new Error('The signing-keys secret is not JSON');
  }
  const result = keysSchema.safeParse(json);
  if (!result.success) {
    throw new Error(
      `The signing-keys secret is malformed at: ${result.error.issues.map((i) => i.path.join('.') || '(root)').join(', ')}`,
    );
  }
  if (result.data.previous?.kid === result.data.current.kid)
    throw new Error('The signing keys must have distinct kids');
  return result.data;
}

/** Signing keys come only from the Dapr secret store (local file locally, Kubernetes secrets in the cluster). */
export async function loadSigningKeys(dapr: DaprClient, store: string, secretName: string): Promise<SigningKeys> {
  const secret = await getSecret(dapr, store, secretName);
  // The local file store answers {name: value}; Kubernetes secrets may use another key: take the only one.
  const values = Object.values(secret);
  return parseSigningKeys(secret[secretName] ?? (values.length === 1 ? values[0] : undefined));
}
