// The order service end to end: REST through the gateway, tokens from the real auth service,
// addresses from user and prices/stock from product over gRPC through the sidecars, the cart
// in the Dapr state store and checkout as a Dapr workflow.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { MongoClient } from 'mongodb';
import { databaseName, host, infrastructurePorts } from '@shop/topology';
import { simulatedPaymentIdFor } from '../../services/order/src/data-access/simulated-payment-provider';
import { signWebhook } from '../../services/order/src/domain/webhook-signature';
import { eventually, PROFILE, restUrl } from '../support/shop';

// The order service's development default (services/order/src/config.ts).
const WEBHOOK_SECRET = process.env.PAYMENT_WEBHOOK_SECRET ?? 'dev-only-payment-webhook-secret';

jest.setTimeout(120_000);

const gateway = restUrl('gateway');
type Json = Record<string, unknown>;
const ADDRESS = { recipient: 'E2E Buyer', line1: '1 Test Lane', city: 'Berlin', postalCode: '10115', country: 'DE' };
const mongoUrl =
  process.env.MONGODB_URL ??
  `mongodb://${host}:${infrastructurePorts(PROFILE).ferretdb.port}/${databaseName('product', PROFILE)}`;

// node:http, not fetch: fetch refuses some ports (the gateway's test2 port is one).
function call(method: string, path: string, token?: string, body?: object, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Json }>((resolve, reject) => {
    const req = http.request(
      `${gateway}${path}`,
      {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
      },
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

async function shopper() {
  const email = `e2e-order-${randomUUID()}@example.test`;
  const password = `Pw-${randomUUID()}`;
  expect((await call('POST', '/v1/users', undefined, { email, password, name: 'Order E2E' })).status).toBe(201);
  const login = await call('POST', '/v1/auth/login', undefined, { email, password });
  const token = login.body['accessToken'] as string;
  const address = await call('POST', '/v1/users/me/addresses', token, ADDRESS);
  expect(address.status).toBe(201);
  return { token, addressId: address.body['id'] as string };
}

describe('Checkout through the gateway, the sidecars and the workflow engine', () => {
  let mongo: MongoClient;
  beforeAll(async () => {
    mongo = await MongoClient.connect(mongoUrl);
  });
  afterAll(() => mongo.close());

  /** A product written straight into product's store: these tests are about ordering. */
  async function product(stock: number, price = 1500): Promise<string> {
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
  const stockOf = async (id: string) => (await call('GET', `/v1/products/${id}`)).body['stock'];

  async function checkout(
    me: { token: string; addressId: string },
    productId: string,
    quantity: number,
    token: string,
  ) {
    expect((await call('PUT', `/v1/cart/items/${productId}`, me.token, { quantity })).status).toBe(200);
    const res = await call(
      'POST',
      '/v1/orders',
      me.token,
      { shippingAddressId: me.addressId, paymentMethod: { token } },
      {
        'idempotency-key': randomUUID(),
      },
    );
    expect(res.status).toBe(202);
    return res.body;
  }
  const settled = (me: { token: string }, id: string) =>
    eventually(
      async () => {
        const res = await call('GET', `/v1/orders/${id}`, me.token);
        return res.body['status'] !== 'PENDING' ? res.body : undefined;
      },
      60_000,
      250,
    );

  test('When a customer checks out with tok_visa, then the order is CONFIRMED, stock is taken and the history shows the saga', async () => {
    const me = await shopper();
    const productId = await product(5);

    const cart = await call('PUT', `/v1/cart/items/${productId}`, me.token, { quantity: 2 });
    const order = await checkout(me, productId, 2, 'tok_visa');
    const final = await settled(me, order['id'] as string);
    const history = await call('GET', `/v1/orders/${order['id']}/history`, me.token);

    expect(cart.body).toMatchObject({
      items: [{ productId, quantity: 2, unitPrice: 1500, available: true }],
      subtotal: 3000,
    });
    expect(final).toMatchObject({
      status: 'CONFIRMED',
      total: 3000,
      currency: 'USD',
      shippingAddress: { city: 'Berlin' },
    });
    expect((history.body as unknown as { type: string }[]).map((e) => e.type)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'PaymentAuthorized',
      'PaymentCaptured',
      'OrderConfirmed',
    ]);
    expect(await stockOf(productId)).toBe(3);
  });

  test('When the card is declined, then the order is CANCELLED (payment_declined) and the stock is back', async () => {
    const me = await shopper();
    const productId = await product(4);

    const order = await checkout(me, productId, 3, 'tok_decline');
    const final = await settled(me, order['id'] as string);

    expect(final).toMatchObject({ status: 'CANCELLED', cancellationReason: 'payment_declined' });
    expect(await eventually(async () => ((await stockOf(productId)) === 4 ? true : undefined))).toBe(true);
  });

  test('When stock is short, then the order is CANCELLED (out_of_stock) and stock is unchanged', async () => {
    const me = await shopper();
    const productId = await product(1);

    const order = await checkout(me, productId, 2, 'tok_visa');

    expect(await settled(me, order['id'] as string)).toMatchObject({
      status: 'CANCELLED',
      cancellationReason: 'out_of_stock',
    });
    expect(await stockOf(productId)).toBe(1);
  });

  test("When 10 identical checkouts race with one key, then one order exists; another user's read of it is 404", async () => {
    const me = await shopper();
    const intruder = await shopper();
    const productId = await product(5);
    await call('PUT', `/v1/cart/items/${productId}`, me.token, { quantity: 1 });
    const key = randomUUID();
    const body = { shippingAddressId: me.addressId, paymentMethod: { token: 'tok_visa' } };

    const results = await Promise.all(
      Array.from({ length: 10 }, () => call('POST', '/v1/orders', me.token, body, { 'idempotency-key': key })),
    );
    const ids = new Set(results.map((r) => r.body['id']));
    const [id] = [...ids] as string[];

    expect(results.map((r) => r.status)).toEqual(Array(10).fill(202));
    expect(ids.size).toBe(1);
    expect((await call('GET', `/v1/orders/${id}`, intruder.token)).status).toBe(404);
    expect(await settled(me, id!)).toMatchObject({ status: 'CONFIRMED' });
    expect((await call('GET', '/v1/orders', me.token)).body['total']).toBe(1);
  });

  test('When a tok_3ds payment is confirmed by the signed webhook, then the order is CONFIRMED; a forged one is 401', async () => {
    const me = await shopper();
    const productId = await product(3);

    const order = await checkout(me, productId, 1, 'tok_3ds');
    const orderId = order['id'] as string;
    const body = { orderId, paymentId: simulatedPaymentIdFor(`${orderId}:authorize`), outcome: 'approved' };
    const forged = await call('POST', '/v1/payments/webhook', undefined, body, {
      'shop-signature': signWebhook('not-the-secret-at-all', body, Date.now()),
    });
    // The provider knows the payment once the saga's authorize step ran: retry until it does.
    await eventually(
      async () => {
        const res = await call('POST', '/v1/payments/webhook', undefined, body, {
          'shop-signature': signWebhook(WEBHOOK_SECRET, body, Date.now()),
        });
        return res.status === 204 ? true : undefined;
      },
      30_000,
      250,
    );

    expect(forged.status).toBe(401);
    expect(await settled(me, orderId)).toMatchObject({ status: 'CONFIRMED' });
    expect(await stockOf(productId)).toBe(2);
  });

  test('When a customer cancels a confirmed order, then it is CANCELLED (customer_request) with a refund in its history', async () => {
    const me = await shopper();
    const productId = await product(3);
    const order = await checkout(me, productId, 1, 'tok_visa');
    await settled(me, order['id'] as string);

    const cancelled = await call('POST', `/v1/orders/${order['id']}/cancel`, me.token, {});
    const history = await call('GET', `/v1/orders/${order['id']}/history`, me.token);

    expect(cancelled).toMatchObject({
      status: 200,
      body: { status: 'CANCELLED', cancellationReason: 'customer_request' },
    });
    expect((history.body as unknown as { type: string }[]).map((e) => e.type).slice(-2)).toEqual([
      'OrderCancelled',
      'RefundIssued',
    ]);
  });
});
