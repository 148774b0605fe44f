import { randomUUID } from 'node:crypto';
import request from 'supertest';
import * as order from '../src/domain/order';
import type { checkoutActivities } from '../src/workflows/checkout/activities';
import { checkoutSteps, orderHarness, type Harness } from './support';

jest.setTimeout(30_000);

/** A customer's cancel racing the saga: money and stock still come back exactly once. */
describe('checkout racing a customer cancel', () => {
  let h: Harness;
  const stockLevels = new Map<string, number>();
  let steps: ReturnType<typeof checkoutActivities>;
  const ctx = {} as never;

  beforeAll(async () => {
    h = await orderHarness('shop_order_unit');
    steps = checkoutSteps(h, stockLevels);
  });
  afterAll(() => h.close());

  async function authorizedOrder() {
    const me = await h.customer();
    const product = h.product({ price: 800 });
    stockLevels.set(product.id, 3);
    await request(h.app).put(`/v1/cart/items/${product.id}`).set(me.auth).send({ quantity: 1 }).expect(200);
    const res = await request(h.app)
      .post('/v1/orders')
      .set(me.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ shippingAddressId: me.addressId, paymentMethod: { token: 'tok_visa' } })
      .expect(202);
    const orderId = res.body.id as string;
    await steps.reserveStock(ctx, { orderId });
    await steps.authorizePayment(ctx, { orderId, paymentToken: 'tok_visa' });
    return { me, product, orderId };
  }

  test('When the customer cancels before capture, then the saga stops, nothing is captured and the hold is voided and released', async () => {
    const { me, product, orderId } = await authorizedOrder();

    await request(h.app).post(`/v1/orders/${orderId}/cancel`).set(me.auth).send({}).expect(200);
    const capture = await steps.capturePayment(ctx, { orderId });
    await steps.cancelOrder(ctx, { orderId, reason: capture.reason });

    expect(capture).toEqual({ ok: false, reason: 'customer_request' });
    const effects = h.payments.effects.filter((e) => e.idempotencyKey.startsWith(orderId)).map((e) => e.operation);
    expect(effects).toEqual(['authorize', 'void']);
    expect(stockLevels.get(product.id)).toBe(3);
  });

  test('When a cancel lands while the provider captures, then the capture is still recorded and refunded exactly once', async () => {
    const { me, orderId } = await authorizedOrder();
    const before = (await h.deps.orders.get(orderId))!;
    await h.payments.capture({
      idempotencyKey: `${orderId}:capture`,
      paymentId: before.payment!.paymentId,
      amount: 800,
    });

    await request(h.app).post(`/v1/orders/${orderId}/cancel`).set(me.auth).send({}).expect(200);
    await h.deps.orders.update(orderId, (o) => order.capturePayment(o)); // the capture step's record, after the cancel
    await steps.cancelOrder(ctx, { orderId, reason: 'customer_request' });
    await steps.cancelOrder(ctx, { orderId, reason: 'customer_request' });

    const after = (await h.deps.orders.get(orderId))!;
    expect(after).toMatchObject({ status: 'CANCELLED', payment: { captured: 800, refunded: 800 } });
    expect(h.payments.effects.filter((e) => e.idempotencyKey === `${orderId}:refund`)).toHaveLength(1);
  });

  test('When the customer cancels while a 3-D Secure payment waits, then the saga is woken and the open authorisation is voided', async () => {
    const me = await h.customer();
    const product = h.product({ price: 500 });
    stockLevels.set(product.id, 2);
    await request(h.app).put(`/v1/cart/items/${product.id}`).set(me.auth).send({ quantity: 2 }).expect(200);
    const placed = await request(h.app)
      .post('/v1/orders')
      .set(me.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ shippingAddressId: me.addressId, paymentMethod: { token: 'tok_3ds' } })
      .expect(202);
    const orderId = placed.body.id as string;
    await steps.reserveStock(ctx, { orderId });
    const auth = await steps.authorizePayment(ctx, { orderId, paymentToken: 'tok_3ds' });

    await request(h.app).post(`/v1/orders/${orderId}/cancel`).set(me.auth).send({}).expect(200);
    await steps.cancelOrder(ctx, { orderId, reason: 'customer_request', paymentId: auth.paymentId });

    expect(auth).toMatchObject({ ok: true, status: 'requires_confirmation' });
    expect(h.signals).toContainEqual({ orderId, signal: 'cancellation-requested' });
    const effects = h.payments.effects.filter((e) => e.idempotencyKey.startsWith(orderId)).map((e) => e.operation);
    expect(effects).toEqual(['authorize', 'void']);
    expect((await h.payments.payment(auth.paymentId!))?.state).toBe('voided');
    expect(stockLevels.get(product.id)).toBe(2);
    expect((await h.deps.orders.get(orderId))?.status).toBe('CANCELLED');
  });
});
