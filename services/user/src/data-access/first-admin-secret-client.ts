import { getSecret, type createDaprClient } from '@shop/service-kit';

export const FIRST_ADMIN_SECRET_KEYS = { email: 'admin-email', password: 'admin-password' } as const;

/** Reads the first admin's credentials from the Dapr secret store (a local file in dev, Kubernetes secrets in a cluster). */
export async function readFirstAdminSecrets(
  client: ReturnType<typeof createDaprClient>,
  storeName: string,
): Promise<{ email: string; password: string }> {
  const [email, password] = await Promise.all([
    getSecret(client, storeName, FIRST_ADMIN_SECRET_KEYS.email),
    getSecret(client, storeName, FIRST_ADMIN_SECRET_KEYS.password),
  ]);
  return {
    email: email[FIRST_ADMIN_SECRET_KEYS.email] ?? '',
    password: password[FIRST_ADMIN_SECRET_KEYS.password] ?? '',
  };
}
