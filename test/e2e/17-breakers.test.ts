// One client's burst never degrades the others: conflicts and business answers never count
// toward a circuit breaker, in the sidecars (dapr/resiliency.yaml) or in the apps
// (the kit's store breaker). Each burst here runs through the gateway and the real stack.
import { randomUUID } from 'node:crypto';
import { counter, logLines } from '../support/shop';
import { call, insertProduct, newShopper, shopStores } from '../support/shopper';

jest.setTimeout(90_000);

const stores = shopStores();
const breakerLines = (sidecar: string) =>
  logLines(sidecar).filter((l) => /Circuit breaker .* changed state/.test(String(l.message ?? l['msg'] ?? '')));

beforeAll(() => stores.open());
afterAll(() => stores.close());

describe('Bursts and circuit breakers', () => {
  test('When one shopper puts ten products into the cart at once, then all ten succeed and no breaker opens', async () => {
    const me = await newShopper('Burst Shopper');
    const other = await newShopper('Other Shopper');
    const products = await Promise.all(Array.from({ length: 10 }, () => insertProduct(stores.mongo, 50)));
    const sidecarBreakersBefore = breakerLines('daprd-order').length;

    const answers = await Promise.all(
      products.map((id) => call('PUT', `/v1/cart/items/${id}`, me.token, { quantity: 2 })),
    );

    expect(answers.map((a) => a.status)).toEqual(products.map(() => 200));
    const cart = await call('GET', '/v1/cart', me.token);
    expect((cart.body['items'] as { productId: string }[]).map((i) => i.productId).sort()).toEqual(
      [...products].sort(),
    );
    expect((await call('GET', '/v1/cart', other.token)).status).toBe(200);
    expect(await counter('order', 'shop_circuit_breaker_state', { breaker: 'cart store' })).toBe(0);
    expect(breakerLines('daprd-order').length).toBe(sidecarBreakersBefore);
  });

  test('When a shopper hammers one cart line with fifty conflicting writes, then each succeeds and the last one wins', async () => {
    const me = await newShopper('Hammer Shopper');
    const productId = await insertProduct(stores.mongo, 200);

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        call('PUT', `/v1/cart/items/${productId}`, me.token, { quantity: (i % 9) + 1 }),
      ),
    );

    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const cart = await call('GET', '/v1/cart', me.token);
    expect(cart.body['items']).toEqual([expect.objectContaining({ productId, quantity: expect.any(Number) })]);
    expect(await counter('order', 'shop_circuit_breaker_state', { breaker: 'cart store' })).toBe(0);
  });

  test('When fifty shoppers register at once, then all succeed and the publish breaker of the broker stays closed', async () => {
    const before = breakerLines('daprd-user').length;

    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        call('POST', '/v1/users', undefined, {
          email: `burst-${randomUUID()}@example.test`,
          password: `Pw-${randomUUID()}`,
          name: 'Burst',
        }),
      ),
    );

    expect(answers.filter((a) => a.status !== 201).map((a) => a.status)).toEqual([]);
    expect(breakerLines('daprd-user').length).toBe(before);
  });

  test('When many clients send bad tokens and missing products at once, then good requests are still served', async () => {
    const me = await newShopper('Bystander');
    const productId = await insertProduct(stores.mongo, 10);
    const sidecarBreakersBefore = breakerLines('daprd-order').length;

    const noise = await Promise.all([
      ...Array.from({ length: 30 }, () => call('GET', '/v1/cart', `not-a-token-${randomUUID()}`)),
      ...Array.from({ length: 30 }, () => call('PUT', `/v1/cart/items/${randomUUID()}`, me.token, { quantity: 1 })),
    ]);
    const served = await call('PUT', `/v1/cart/items/${productId}`, me.token, { quantity: 1 });

    expect(new Set(noise.map((n) => n.status))).toEqual(new Set([401, 404]));
    expect(served.status).toBe(200);
    expect(breakerLines('daprd-order').length).toBe(sidecarBreakersBefore);
  });
});
