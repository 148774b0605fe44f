// The cart's prices and availability follow product's changes: order caches what carts ask
// about and keeps it fresh from product's price events (pub/sub) and its WatchInventory stream
// (gRPC through the sidecars). Everything here goes through the gateway and the real stack.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call } from '../support/api';
import { counter, eventually, ROOT } from '../support/shop';

jest.setTimeout(60_000);

interface CartLine {
  productId: string;
  unitPrice: number;
  available: boolean;
  quantity: number;
}

async function login(email: string, password: string): Promise<string> {
  const res = await call('POST', '/v1/auth/login', undefined, { email, password });
  expect(res.status).toBe(200);
  return res.body['accessToken'] as string;
}

/** The first admin, from the dev secret store the test stack reads. */
function adminLogin(): Promise<string> {
  const secrets = JSON.parse(readFileSync(join(ROOT, 'components', 'secrets.dev.json'), 'utf8')) as Record<
    string,
    string
  >;
  return login(secrets['admin-email']!, secrets['admin-password']!);
}

async function customer(): Promise<string> {
  const email = `e2e-fresh-${randomUUID()}@example.test`;
  const password = `Pw-${randomUUID()}`;
  expect((await call('POST', '/v1/users', undefined, { email, password, name: 'Fresh Cart' })).status).toBe(201);
  return login(email, password);
}

async function lineOf(token: string, productId: string): Promise<CartLine | undefined> {
  const cart = await call('GET', '/v1/cart', token);
  expect(cart.status).toBe(200);
  return (cart.body['items'] as CartLine[]).find((i) => i.productId === productId);
}

// Events and the stream normally land within tens of milliseconds; 3 s is the promise.
const within3s = <T>(check: () => Promise<T | undefined>) => eventually(check, 3_000, 100);

describe('Cart freshness through product events and the inventory stream', () => {
  let admin: string;
  let productId: string;

  beforeAll(async () => {
    admin = await adminLogin();
    const suffix = randomUUID().slice(0, 8);
    const category = await call('POST', '/v1/categories', admin, {
      name: `E2E Fresh ${suffix}`,
      slug: `e2e-fresh-${suffix}`,
    });
    expect(category.status).toBe(201);
    const product = await call('POST', '/v1/products', admin, {
      sku: `E2E-FRESH-${suffix}`,
      name: 'E2E Fresh Kettle',
      categoryId: category.body['id'],
      price: 1500,
      currency: 'USD',
      stock: 5,
    });
    expect(product.status).toBe(201);
    productId = product.body['id'] as string;
  });

  test('When order starts, then its inventory stream through the sidecars is open', async () => {
    expect(
      await eventually(
        async () => ((await counter('order', 'inventory_watch_open', {})) === 1 ? true : undefined),
        10_000,
      ),
    ).toBe(true);
  });

  test("When the stream outlives the sidecars' invoke timeout (5 s), then it is not cut", async () => {
    const reconnects = () => counter('order', 'inventory_watch_reconnects_total', {});
    const before = await reconnects();
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await reconnects()).toBe(before);
    expect(await counter('order', 'inventory_watch_open', {})).toBe(1);
  });

  test('When an admin changes the price and the stock, then the cart shows both within seconds', async () => {
    const token = await customer();
    const put = await call('PUT', `/v1/cart/items/${productId}`, token, { quantity: 3 });
    expect(put.status).toBe(200);
    expect(await lineOf(token, productId)).toMatchObject({ unitPrice: 1500, available: true, quantity: 3 });

    const pricesBefore = await counter('order', 'pubsub_events_total', {
      topic: 'product.price-changed',
      outcome: 'processed',
    });
    expect((await call('PATCH', `/v1/products/${productId}`, admin, { price: 1234 })).status).toBe(200);
    await within3s(async () => ((await lineOf(token, productId))?.unitPrice === 1234 ? true : undefined));
    // The cart learned it from the event, not only from a fresh read.
    await eventually(async () =>
      (await counter('order', 'pubsub_events_total', { topic: 'product.price-changed', outcome: 'processed' })) >
      pricesBefore
        ? true
        : undefined,
    );

    const updatesBefore = await counter('order', 'inventory_watch_updates_total', {});
    expect((await call('PUT', `/v1/products/${productId}/inventory`, admin, { stock: 2 })).status).toBe(200);
    await within3s(async () => ((await lineOf(token, productId))?.available === false ? true : undefined));
    expect(await counter('order', 'inventory_watch_updates_total', {})).toBeGreaterThan(updatesBefore);

    expect((await call('PUT', `/v1/products/${productId}/inventory`, admin, { stock: 3 })).status).toBe(200);
    await within3s(async () => ((await lineOf(token, productId))?.available === true ? true : undefined));
    const cart = await call('GET', '/v1/cart', token);
    expect(cart.body).toMatchObject({ subtotal: 3 * 1234, currency: 'USD' });
  });

  test('When the product is deleted, then the cart shows it unavailable', async () => {
    const token = await customer();
    expect((await call('PUT', `/v1/cart/items/${productId}`, token, { quantity: 1 })).status).toBe(200);
    expect((await lineOf(token, productId))?.available).toBe(true);

    expect((await call('DELETE', `/v1/products/${productId}`, admin)).status).toBe(204);

    await within3s(async () => ((await lineOf(token, productId))?.available === false ? true : undefined));
  });
});
