import { components } from '@shop/topology';
import { getSecret } from '@shop/service-kit';
import { daprClientOf } from '../support/shop';

describe('Secrets through the Dapr secrets API', () => {
  const client = daprClientOf('user');
  afterAll(() => client.stop());

  test('When a service reads a secret through its sidecar, then it gets the value from the secret store', async () => {
    const secret = await getSecret(client, components.secrets, 'probe-secret');
    expect(secret).toEqual({ 'probe-secret': 'dapr-secrets-api-works' });
  });

  test('When a secret does not exist, then the read fails instead of returning an empty value', async () => {
    await expect(getSecret(client, components.secrets, 'no-such-secret')).rejects.toBeDefined();
  });
});
