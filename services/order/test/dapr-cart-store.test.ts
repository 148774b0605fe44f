import type { DaprClient } from '@shop/service-kit';
import { createCartStoreBreaker, createDaprCartStore } from '../src/data-access/cart-repository';

/** The slice of the kit's DaprClient the adapter uses, recording what reaches "the sidecar". */
function fakeDapr(behaviour: { get?: () => unknown; save?: () => void } = {}) {
  const saved: unknown[] = [];
  const client = {
    getState: async () => behaviour.get?.() ?? { data: { items: [{ productId: 'p1', quantity: 2 }] }, etag: '7' },
    saveState: async (_store: string, items: unknown[]) => {
      behaviour.save?.();
      saved.push(...items);
    },
    deleteState: async () => undefined,
  } as unknown as DaprClient;
  return { client, saved };
}

describe('the cart in the Dapr state store', () => {
  test('When a cart is loaded and saved, then the ETag read is sent back with first-write concurrency and a TTL', async () => {
    const { client, saved } = fakeDapr();
    const carts = createDaprCartStore(client, 'cartstore');

    const cart = await carts.load('u1');
    await carts.save('u1', [{ productId: 'p1', quantity: 3 }], cart.etag);

    expect(cart).toEqual({ items: [{ productId: 'p1', quantity: 2 }], etag: '7' });
    expect(saved).toEqual([
      expect.objectContaining({
        key: 'cart-u1',
        value: { items: [{ productId: 'p1', quantity: 3 }] },
        etag: '7',
        concurrency: 'first-write',
        metadata: { ttlInSeconds: String(30 * 86_400) },
      }),
    ]);
  });

  test('When the sidecar reports an ETag mismatch, then it is a CONFLICT the use case can retry', async () => {
    const { client } = fakeDapr({
      save: () => {
        throw Object.assign(new Error('possible etag mismatch. error from state store'), { code: 10 });
      },
    });

    await expect(createDaprCartStore(client, 'cartstore').save('u1', [], '7')).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  test('When the sidecar is down, then it is UNAVAILABLE (503), not a crash', async () => {
    const { client } = fakeDapr({
      get: () => {
        throw new Error('connect ECONNREFUSED');
      },
    });

    await expect(createDaprCartStore(client, 'cartstore').load('u1')).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  test('When the stored value is missing or corrupt, then the cart is empty', async () => {
    const missing = createDaprCartStore(fakeDapr({ get: () => ({ data: undefined, etag: undefined }) }).client, 'c');
    const corrupt = createDaprCartStore(fakeDapr({ get: () => ({ data: { items: 'x' }, etag: '2' }) }).client, 'c');

    expect(await missing.load('u1')).toEqual({ items: [], etag: undefined });
    expect(await corrupt.load('u1')).toEqual({ items: [], etag: '2' });
  });
});

describe('the cart store breaker', () => {
  const etagMismatch = () => {
    throw Object.assign(new Error('possible etag mismatch. error from state store'), { code: 10 });
  };

  test("When one shopper's saves keep hitting ETag conflicts, then the breaker stays closed for every shopper", async () => {
    const breaker = createCartStoreBreaker({ consecutiveFaults: 3 });
    const conflicted = createDaprCartStore(fakeDapr({ save: etagMismatch }).client, 'cartstore', breaker);
    const healthy = createDaprCartStore(fakeDapr().client, 'cartstore', breaker);

    for (let i = 0; i < 20; i += 1)
      await expect(conflicted.save('u1', [], '7')).rejects.toMatchObject({ code: 'CONFLICT' });

    expect(breaker.state()).toBe('closed');
    await expect(healthy.load('u2')).resolves.toMatchObject({ etag: '7' });
  });

  test('When the sidecar keeps failing, then the breaker opens and the next call is a 503 with Retry-After at once', async () => {
    const breaker = createCartStoreBreaker({ consecutiveFaults: 3 });
    let calls = 0;
    const down = createDaprCartStore(
      fakeDapr({
        get: () => {
          calls += 1;
          throw new Error('connect ECONNREFUSED');
        },
      }).client,
      'cartstore',
      breaker,
    );
    for (let i = 0; i < 3; i += 1) await expect(down.load('u1')).rejects.toMatchObject({ code: 'UNAVAILABLE' });

    await expect(down.load('u2')).rejects.toMatchObject({ code: 'UNAVAILABLE', retryAfterSeconds: 5 });
    expect(calls).toBe(3);
  });
});
