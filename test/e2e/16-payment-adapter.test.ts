// The real payment adapter (services/order/src/data-access/http-payment-client.ts) through
// the order service's real sidecar and its Dapr HTTPEndpoint, against a FAKE provider on
// loopback (the test profiles point the endpoint's base URL at it). Proves the wire: the
// path, the Idempotency-Key, the API key injected by Dapr from the secret store, and how
// the provider's answers and failures map.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { host, httpEndpoints, paymentProviderUrl } from '@shop/topology';
import { createHttpPaymentProvider } from '../../services/order/src/data-access/http-payment-client';
import { startFakePaymentProvider, type FakePaymentProvider } from '../support/fake-payment-provider';
import { PROFILE, ports } from '../support/shop';

const API_KEY = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'components', 'secrets.dev.json'), 'utf8')) as Record<
    string,
    string
  >
)['payment-provider-api-key'];

describe('The HTTP payment adapter through the Dapr HTTPEndpoint', () => {
  let fake: FakePaymentProvider;
  const adapter = createHttpPaymentProvider({
    enabled: true,
    daprHttpPort: ports('order').daprHttpPort,
    host,
    endpoint: httpEndpoints.paymentProvider,
  });
  beforeAll(async () => {
    fake = await startFakePaymentProvider(paymentProviderUrl(PROFILE));
  });
  afterAll(() => fake.close());

  test('When an authorisation goes out, then the provider gets the path, the key and the API key from the secret store', async () => {
    const outcome = await adapter.authorize({
      idempotencyKey: 'o-1:authorize',
      orderId: 'o-1',
      amount: 1999,
      currency: 'USD',
      token: 'tok_visa',
    });

    expect(outcome).toMatchObject({ status: 'authorized', paymentId: expect.stringMatching(/^fake_/) });
    expect(fake.calls.at(-1)).toMatchObject({
      path: '/authorizations',
      authorization: API_KEY,
      idempotencyKey: 'o-1:authorize',
      body: { amount: 1999, currency: 'USD', token: 'tok_visa' },
    });
  });

  test('When the provider answers 503, then it is a transient UNAVAILABLE, and the retry with the same key succeeds once', async () => {
    fake.failNext(1, 503);
    const request = { idempotencyKey: 'o-2:capture', paymentId: 'fake_x', amount: 500 };

    const first = adapter.capture(request);
    await expect(first).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const second = await adapter.capture(request);
    const third = await adapter.capture(request);

    expect(second.captureId).toBe(third.captureId);
    expect(fake.calls.filter((c) => c.idempotencyKey === 'o-2:capture')).toHaveLength(3);
  });

  test('When the provider refuses (4xx) or declines, then it is a CONFLICT or a declined outcome, never a crash', async () => {
    fake.failNext(1, 402);

    await expect(adapter.refund({ idempotencyKey: 'o-3:refund', paymentId: 'p', amount: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(adapter.void({ idempotencyKey: 'o-3:void', paymentId: 'p' })).resolves.toBeUndefined();
    await expect(
      adapter.authorize({
        idempotencyKey: 'o-3:authorize',
        orderId: 'o-3',
        amount: 1,
        currency: 'USD',
        token: 'tok_decline',
      }),
    ).resolves.toMatchObject({ status: 'declined', reason: 'card_declined' });
  });
});
