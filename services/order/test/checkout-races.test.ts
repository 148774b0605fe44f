import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { CheckoutSteps } from '../src/checkout/activities';
import { checkoutSteps, orderHarness, type Harness } from './support';

jest.setTimeout(30_000);

/** A customer's cancel racing the saga: money and stock still come back exactly once. */
describe('checkout racing a customer cancel', () => {
  let h: Harness;
  const stockLevels = new Map<string, number>();
  let steps: CheckoutSteps;

  beforeAll(async () => {
    h = await orderHarness('shop_order_unit');
    steps = checkoutSteps(h, stockLevels);
  });
  afterAll(() => h.close());

  async function reservedOrder() {
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
    await steps.reserveStock({ orderId });
    return { me, product, orderId };
  }

  test('When the customer cancels before payment, then the saga stops, nothing is charged and the hold is released', async () => {
    const { me, product, orderId } = await reservedOrder();

    await request(h.app).post(`/v1/orders/${orderId}/cancel`).set(me.auth).send({}).expect(200);
    const paid = await steps.payAndConfirm({ orderId, paymentToken: 'tok_visa' });
    await steps.cancelOrder({ orderId, reason: 'customer_request' });

    expect(paid).toEqual({ ok: false, reason: 'customer_request' });
    expect(h.payments.effects.filter((e) => e.idempotencyKey.startsWith(orderId))).toEqual([]);
    expect(stockLevels.get(product.id)).toBe(3);
  });

  test('When a cancel lands while the provider charges, then the charge is still recorded and refunded exactly once', async () => {
    const { me, orderId } = await reservedOrder();
    const slow = createSlowCharge(h);

    const paying = steps.payAndConfirm({ orderId, paymentToken: 'tok_visa' });
    await slow.reached;
    await request(h.app).post(`/v1/orders/${orderId}/cancel`).set(me.auth).send({}).expect(200);
    slow.release();
    const paid = await paying;
    await steps.cancelOrder({ orderId, reason: 'customer_request' });
    await steps.cancelOrder({ orderId, reason: 'customer_request' });

    expect(paid).toMatchObject({ ok: false, reason: 'customer_request' });
    const after = (await h.deps.orders.get(orderId))!;
    expect(after).toMatchObject({ status: 'CANCELLED', payment: { captured: 800, refunded: 800 } });
    expect(h.payments.effects.filter((e) => e.idempotencyKey === `${orderId}:refund`)).toHaveLength(1);
  });

  test('When a step charged and was killed before recording it, then after a cancel its re-run records the charge and the compensation refunds it', async () => {
    const { me, orderId } = await reservedOrder();
    const o = (await h.deps.orders.get(orderId))!;
    // The first run's provider call; the process died before the order recorded it.
    await h.payments.charge({
      idempotencyKey: `${orderId}:authorize`,
      orderId,
      amount: o.total,
      currency: o.currency,
      token: 'tok_visa',
    });
    await request(h.app).post(`/v1/orders/${orderId}/cancel`).set(me.auth).send({}).expect(200);

    const rerun = await steps.payAndConfirm({ orderId, paymentToken: 'tok_visa' });
    await steps.cancelOrder({ orderId, reason: 'customer_request' });

    expect(rerun).toMatchObject({ ok: false, reason: 'customer_request' });
    expect((await h.deps.orders.get(orderId))!).toMatchObject({
      status: 'CANCELLED',
      payment: { captured: 800, refunded: 800 },
    });
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
    await steps.reserveStock({ orderId });
    const auth = await steps.payAndConfirm({ orderId, paymentToken: 'tok_3ds' });
    const paymentId = auth.ok && auth.status === 'requires_confirmation' ? auth.paymentId : undefined;

    await request(h.app).post(`/v1/orders/${orderId}/cancel`).set(me.auth).send({}).expect(200);
    await steps.cancelOrder({ orderId, reason: 'customer_request', ...(paymentId ? { paymentId } : {}) });

    expect(auth).toMatchObject({ ok: true, status: 'requires_confirmation' });
    expect(h.signals).toContainEqual({ orderId, signal: 'cancellation-requested' });
    const effects = h.payments.effects.filter((e) => e.idempotencyKey.startsWith(orderId)).map((e) => e.operation);
    expect(effects).toEqual(['authorize', 'void']);
    expect((await h.payments.payment(paymentId!))?.state).toBe('voided');
    expect(stockLevels.get(product.id)).toBe(2);
    expect((await h.deps.orders.get(orderId))?.status).toBe('CANCELLED');
  });
});

/** Holds the harness provider's next charge until released, so a cancel can land during it. */
function createSlowCharge(h: Harness) {
  let reachedResolve!: () => void;
  let releaseResolve!: () => void;
  const reached = new Promise<void>((r) => (reachedResolve = r));
  const released = new Promise<void>((r) => (releaseResolve = r));
  const original = h.payments.charge.bind(h.payments);
  h.payments.charge = async (request) => {
    const reply = await original(request);
    h.payments.charge = original;
    reachedResolve();
    await released;
    return reply;
  };
  return { reached, release: () => releaseResolve() };
}
