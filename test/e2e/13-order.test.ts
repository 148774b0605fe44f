// The order service end to end: REST through the gateway, tokens from the real auth service,
// addresses from user and prices/stock from product over gRPC through the sidecars, the cart
// in the Dapr state store and checkout as a Dapr workflow.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { appSettings } from '@shop/topology';
import { simulatedPaymentIdFor } from '../../services/order/src/data-access/simulated-payment-client';
import { signWebhook } from '../../services/order/src/domain/webhook-signature';
import { eventually, PROFILE } from '../support/shop';
import { call, insertProduct, newShopper, shopStores, settledOrder, stockOf, type Shopper } from '../support/shopper';

// The webhook's HMAC key, as the order service reads it through the Dapr secret store.
const WEBHOOK_SECRET = (
  JSON.parse(readFileSync(join(__dirname, '..', '..', 'components', 'secrets.dev.json'), 'utf8')) as Record<
    string,
    string
  >
)['payment-webhook-secret']!;
// The test profiles shorten the 3-D Secure wait (libraries/topology/topology.json).
const CONFIRMATION_TIMEOUT_S = Number(appSettings('order', PROFILE)['PAYMENT_CONFIRMATION_TIMEOUT_SECONDS']);

jest.setTimeout(120_000);

const shopper = () => newShopper('Order E2E');

describe('Checkout through the gateway, the sidecars and the workflow engine', () => {
  const { mongo, db, open, close } = shopStores();
  beforeAll(open);
  afterAll(close);

  const product = (stock: number, price = 1500) => insertProduct(mongo, stock, price);

  async function checkout(me: Shopper, productId: string, quantity: number, token: string) {
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
  const settled = (me: Shopper, id: string) => settledOrder(me, id);

  test('When a customer checks out with tok_visa, then the order is CONFIRMED, stock is taken and the history shows the saga', async () => {
    const me = await shopper();
    const productId = await product(5);

    const browsed = await call('GET', `/v1/products/${productId}`);
    const cart = await call('PUT', `/v1/cart/items/${productId}`, me.token, { quantity: 2 });
    const order = await checkout(me, productId, 2, 'tok_visa');
    const final = await settled(me, order['id'] as string);
    const history = await call('GET', `/v1/orders/${order['id']}/history`, me.token);

    expect(browsed.body).toMatchObject({ id: productId, price: 1500, currency: 'USD', stock: 5 });
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

  test('When a client asks to wait for the outcome (Prefer: wait=10), then one read through the gateway answers CONFIRMED with Preference-Applied', async () => {
    const me = await shopper();
    const productId = await product(2);
    const order = await checkout(me, productId, 1, 'tok_visa');

    const res = await call('GET', `/v1/orders/${order['id']}`, me.token, undefined, { prefer: 'wait=10' });

    expect(res.status).toBe(200);
    expect(res.body['status']).toBe('CONFIRMED');
    expect(res.headers['preference-applied']).toBe('wait=10');
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

  test('When a customer cancels a confirmed order, then it is CANCELLED at once and the saga refunds and returns the stock', async () => {
    const me = await shopper();
    const productId = await product(3);
    const order = await checkout(me, productId, 1, 'tok_visa');
    await settled(me, order['id'] as string);
    const afterSale = await stockOf(productId);

    // No body and no media type, the way curl -X POST sends it through the gateway.
    const cancelled = await call('POST', `/v1/orders/${order['id']}/cancel`, me.token, undefined, {
      'content-type': '',
    });
    const history = await eventually(async () => {
      const res = await call('GET', `/v1/orders/${order['id']}/history`, me.token);
      const types = (res.body as unknown as { type: string }[]).map((e) => e.type);
      return types.includes('RefundIssued') ? types : undefined;
    });

    expect(afterSale).toBe(2);
    expect(cancelled).toMatchObject({
      status: 200,
      body: { status: 'CANCELLED', cancellationReason: 'customer_request' },
    });
    expect(history.slice(-2)).toEqual(['OrderCancelled', 'RefundIssued']);
    expect(await eventually(async () => ((await stockOf(productId)) === 3 ? true : undefined))).toBe(true);
  });

  test('When a tok_3ds payment is never confirmed, then the order is CANCELLED (payment_timeout) and the stock is back', async () => {
    const me = await shopper();
    const productId = await product(2);
    const started = Date.now();

    const order = await checkout(me, productId, 2, 'tok_3ds');
    const held = await eventually(async () => ((await stockOf(productId)) === 0 ? true : undefined));
    const final = await settled(me, order['id'] as string);

    expect(held).toBe(true);
    expect(final).toMatchObject({ status: 'CANCELLED', cancellationReason: 'payment_timeout' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(CONFIRMATION_TIMEOUT_S * 1000);
    expect(await eventually(async () => ((await stockOf(productId)) === 2 ? true : undefined))).toBe(true);
  });

  test('When the customer cancels while a tok_3ds payment waits, then the saga wakes before its timeout and gives the stock back', async () => {
    const me = await shopper();
    const productId = await product(2);
    const order = await checkout(me, productId, 1, 'tok_3ds');
    const orderId = order['id'] as string;
    // The saga waits once the provider holds the payment for confirmation (the simulator's books).
    await eventually(async () => {
      const { rows } = await db.query('SELECT state FROM payment_simulator.payments WHERE id = $1', [
        simulatedPaymentIdFor(`${orderId}:authorize`),
      ]);
      return rows[0]?.state === 'requires_confirmation' ? true : undefined;
    });
    const started = Date.now();

    const cancelled = await call('POST', `/v1/orders/${orderId}/cancel`, me.token, {});
    const restocked = await eventually(async () => ((await stockOf(productId)) === 2 ? true : undefined), 20_000, 100);
    const late = await call('POST', '/v1/payments/webhook', undefined, lateApproval(orderId), {
      'shop-signature': signWebhook(WEBHOOK_SECRET, lateApproval(orderId), Date.now()),
    });

    expect(cancelled.body).toMatchObject({ status: 'CANCELLED', cancellationReason: 'customer_request' });
    expect(restocked).toBe(true);
    expect(Date.now() - started).toBeLessThan(CONFIRMATION_TIMEOUT_S * 1000);
    expect(late.status).toBe(204); // accepted and ignored: the saga has moved on
    expect((await call('GET', `/v1/orders/${orderId}`, me.token)).body['status']).toBe('CANCELLED');
  });
});

const lateApproval = (orderId: string) => ({
  orderId,
  paymentId: simulatedPaymentIdFor(`${orderId}:authorize`),
  outcome: 'approved',
});
