// Many shoppers competing for little stock, through the whole stack: stock is never oversold,
// every order settles, and no integration event is left unsent. Prints the throughput and the
// POST → settled latencies it measured (ORDER_E2E_CHECKOUTS, ORDER_E2E_STOCK to change the load).
// Default 40 for stock 10: at 100 on the shared 2-core machine, product's GetProducts (FerretDB)
// and user registration time out behind the gateway before the order service is the limit.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { MongoClient } from 'mongodb';
import { Client } from 'pg';
import { databaseName, host, infrastructurePorts } from '@shop/topology';
import { eventually, PROFILE, restUrl } from '../support/shop';

jest.setTimeout(600_000);

const CHECKOUTS = Number(process.env.ORDER_E2E_CHECKOUTS ?? 40);
const STOCK = Number(process.env.ORDER_E2E_STOCK ?? 10);
const gateway = restUrl('gateway');
type Json = Record<string, unknown>;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function call(method: string, path: string, token?: string, body?: object, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Json }>((resolve, reject) => {
    const auth = token ? { authorization: `Bearer ${token}` } : {};
    const req = http.request(
      `${gateway}${path}`,
      { method, agent, headers: { 'content-type': 'application/json', ...auth, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Json) : {} });
        });
      },
    );
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

async function shopper(productId: string) {
  const email = `e2e-load-${randomUUID()}@example.test`;
  const password = `Pw-${randomUUID()}`;
  expect((await call('POST', '/v1/users', undefined, { email, password, name: 'Load E2E' })).status).toBe(201);
  const token = (await call('POST', '/v1/auth/login', undefined, { email, password })).body['accessToken'] as string;
  const address = await call('POST', '/v1/users/me/addresses', token, {
    recipient: 'Load Buyer',
    line1: '1 Test Lane',
    city: 'Berlin',
    postalCode: '10115',
    country: 'DE',
  });
  expect((await call('PUT', `/v1/cart/items/${productId}`, token, { quantity: 1 })).status).toBe(200);
  return { token, addressId: address.body['id'] as string };
}

async function inBatches<T>(count: number, size: number, make: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += size)
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, make))));
  return out;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

// Opt-in (SHOP_E2E_LOAD=1): under this load product's GetProducts slows until order answers
// 503 now and then (issue 5 is open on it), and a flaky default run would block every change.
const describeLoad = process.env.SHOP_E2E_LOAD === '1' ? describe : describe.skip;

describeLoad('Checkouts competing for stock', () => {
  const mongoUrl =
    process.env.MONGODB_URL ??
    `mongodb://${host}:${infrastructurePorts(PROFILE).ferretdb.port}/${databaseName('product', PROFILE)}`;
  const mongo = new MongoClient(mongoUrl);
  const db = new Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${databaseName('order', PROFILE)}` });
  beforeAll(() => Promise.all([mongo.connect(), db.connect()]));
  afterAll(async () => {
    agent.destroy();
    await Promise.all([mongo.close(), db.end()]);
  });

  test(`When ${CHECKOUTS} shoppers check out at once for stock ${STOCK}, then exactly ${STOCK} are CONFIRMED, the rest CANCELLED and stock is 0`, async () => {
    const productId = randomUUID();
    const now = new Date();
    await mongo
      .db()
      .collection('products')
      .insertOne({
        _id: productId as never,
        sku: `LOAD-${productId.slice(0, 8)}`,
        name: 'E2E Load Kettle',
        description: '',
        categoryId: 'e2e',
        price: 700,
        currency: 'USD',
        attributes: {},
        images: [],
        tags: [],
        stock: STOCK,
        stockVersion: 0,
        ratingSum: 0,
        ratingCount: 0,
        ratingAverage: 0,
        keywords: ['e2e'],
        deleted: false,
        createdAt: now,
        updatedAt: now,
      });
    const shoppers = await inBatches(CHECKOUTS, 10, () => shopper(productId));

    let retries = 0;
    const started = Date.now();
    const settled = await Promise.all(
      shoppers.map(async (me) => {
        const t0 = Date.now();
        // What a real client does with a 502-504: retry with the SAME Idempotency-Key (safe by design).
        const key = randomUUID();
        const body = { shippingAddressId: me.addressId, paymentMethod: { token: 'tok_visa' } };
        let res = await call('POST', '/v1/orders', me.token, body, { 'idempotency-key': key });
        for (let attempt = 1; res.status >= 502 && res.status <= 504 && attempt <= 10; attempt += 1) {
          retries += 1;
          await new Promise((r) => setTimeout(r, 300 * attempt));
          res = await call('POST', '/v1/orders', me.token, body, { 'idempotency-key': key });
        }
        expect(res.status).toBe(202);
        const final = await eventually(
          async () => {
            const o = await call('GET', `/v1/orders/${res.body['id']}`, me.token);
            return o.body['status'] !== 'PENDING' ? o.body : undefined;
          },
          300_000,
          500,
        );
        return { status: final['status'] as string, reason: final['cancellationReason'], ms: Date.now() - t0 };
      }),
    );
    const elapsed = (Date.now() - started) / 1000;

    const confirmed = settled.filter((s) => s.status === 'CONFIRMED');
    const latencies = confirmed.map((s) => s.ms).sort((a, b) => a - b);
    process.stdout.write(
      `order load: ${CHECKOUTS} checkouts, ${confirmed.length} confirmed in ${elapsed.toFixed(1)}s ` +
        `(${(CHECKOUTS / elapsed).toFixed(2)} settled/s, ${retries} POST retries after 502-504); POST→CONFIRMED p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms\n`,
    );
    expect(confirmed).toHaveLength(STOCK);
    expect(settled.filter((s) => s.status === 'CANCELLED' && s.reason === 'out_of_stock')).toHaveLength(
      CHECKOUTS - STOCK,
    );
    expect((await call('GET', `/v1/products/${productId}`)).body['stock']).toBe(0);
    // No event lost: every order.* outbox row of these orders leaves through Dapr.
    const unsent = await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'order.%' AND sent_at IS NULL`,
        );
        return rows[0].n === 0 ? 0 : undefined;
      },
      60_000,
      500,
    );
    expect(unsent).toBe(0);
  });
});
