// A shopper's view of the shop through the gateway, shared by the order e2e suites: calls
// checked against the OpenAPI document (api.ts), a signed-in customer with an address,
// products written straight into the catalog store, and waiting for an order to settle.
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { Client } from 'pg';
import { databaseName, host, infrastructurePorts } from '@shop/topology';
import { api, bearer, call, type Json } from './api';
import { eventually, PROFILE } from './shop';

export { call, type Json } from './api';
export interface Shopper {
  readonly token: string;
  readonly addressId: string;
}
export const mongoUrl =
  process.env.MONGODB_URL ??
  `mongodb://${host}:${infrastructurePorts(PROFILE).ferretdb.port}/${databaseName('product', PROFILE)}`;
export const orderDatabaseUrl = `postgres://postgres@127.0.0.1:5432/${databaseName('order', PROFILE)}`;

/**
 * What the order suites read behind the API: product's store (to write test products and read
 * reservations) and order's database. Call open() in beforeAll and close() in afterAll.
 */
export function shopStores() {
  const mongo = new MongoClient(mongoUrl);
  const db = new Client({ connectionString: orderDatabaseUrl });
  return {
    mongo,
    db,
    open: () => Promise.all([mongo.connect(), db.connect()]),
    async close() {
      await Promise.all([mongo.close(), db.end()]);
    },
  };
}

export async function newShopper(name = 'E2E Shopper'): Promise<Shopper> {
  const email = `e2e-${randomUUID()}@example.test`;
  const password = `Pw-${randomUUID()}`;
  const created = await api.POST('/v1/users', { body: { email, password, name } });
  if (created.response.status !== 201) throw new Error(`registration answered ${created.response.status}`);
  const login = await api.POST('/v1/auth/login', { body: { email, password } });
  if (!login.data) throw new Error(`login answered ${login.response.status}`);
  const token = login.data.accessToken;
  const address = await api.POST('/v1/users/me/addresses', {
    ...bearer(token),
    body: { recipient: name, line1: '1 Test Lane', city: 'Berlin', postalCode: '10115', country: 'DE' },
  });
  if (!address.data) throw new Error(`address answered ${address.response.status}`);
  return { token, addressId: address.data.id };
}

/** A product written straight into product's store: the order suites are about ordering. */
export async function insertProduct(mongo: MongoClient, stock: number, price = 1500): Promise<string> {
  const id = randomUUID();
  const now = new Date();
  await mongo
    .db()
    .collection('products')
    .insertOne({
      _id: id as never,
      sku: `E2E-${id.slice(0, 8)}`,
      name: 'E2E Kettle',
      description: '',
      categoryId: 'e2e',
      price,
      currency: 'USD',
      attributes: {},
      images: [],
      tags: [],
      stock,
      stockVersion: 0,
      ratingSum: 0,
      ratingCount: 0,
      ratingAverage: 0,
      keywords: ['e2e'],
      deleted: false,
      createdAt: now,
      updatedAt: now,
    });
  return id;
}

/**
 * The stock as a revalidating client reads it: catalog pages may be served from a cache for
 * up to their max-age (a documented bound), and `no-cache` asks for the current answer.
 */
export const stockOf = async (productId: string) =>
  (await call('GET', `/v1/products/${productId}`, undefined, undefined, { 'cache-control': 'no-cache' })).body['stock'];

/**
 * POST /v1/orders as a careful client: a 5xx or a broken connection is retried with the SAME
 * Idempotency-Key (safe by design), so a crash behind the gateway never makes a second order.
 */
export async function placeOrder(me: Shopper, paymentToken: string, key = randomUUID(), attempts = 30) {
  const body = { shippingAddressId: me.addressId, paymentMethod: { token: paymentToken } };
  let res = await call('POST', '/v1/orders', me.token, body, { 'idempotency-key': key });
  let retries = 0;
  while ((res.status === 0 || res.status >= 500) && retries < attempts) {
    retries += 1;
    await new Promise((r) => setTimeout(r, Math.min(2_000, 200 * retries)));
    res = await call('POST', '/v1/orders', me.token, body, { 'idempotency-key': key });
  }
  return { ...res, retries };
}

/**
 * Waits until the order leaves PENDING, as a client should: each read asks the server to hold
 * the answer until the status changes (`Prefer: wait=10`); reads that fail meanwhile (a
 * restart) are retried.
 */
export function settledOrder(me: Shopper, orderId: string, timeoutMs = 60_000): Promise<Json> {
  return eventually(
    async () => {
      const res = await call('GET', `/v1/orders/${orderId}`, me.token, undefined, { prefer: 'wait=10' });
      return res.status === 200 && res.body['status'] !== 'PENDING' ? res.body : undefined;
    },
    timeoutMs,
    250,
  );
}
