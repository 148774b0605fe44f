import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { OrderEvent } from '../src/domain/events';
import { rebuild } from '../src/domain/order';
import type { CheckoutSteps } from '../src/checkout/activities';
import { checkoutSteps, orderHarness, type Harness } from './support';

jest.setTimeout(30_000);

/** Drives the saga's activities in the workflow's order, as the Dapr runtime would. */
describe('checkout activities, the event store and its projection', () => {
  let h: Harness;
  const stockLevels = new Map<string, number>();
  let steps: CheckoutSteps;

  beforeAll(async () => {
    h = await orderHarness('shop_order_unit');
    steps = checkoutSteps(h, stockLevels, [1, 1]);
  });
  afterAll(() => h.close());

  async function pendingOrder(available = 5, quantity = 2) {
    const me = await h.customer();
    const product = h.product({ price: 1000 });
    stockLevels.set(product.id, available);
    await request(h.app).put(`/v1/cart/items/${product.id}`).set(me.auth).send({ quantity }).expect(200);
    const res = await request(h.app)
      .post('/v1/orders')
      .set(me.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ shippingAddressId: me.addressId, paymentMethod: { token: 'tok_visa' } })
      .expect(202);
    return { me, product, orderId: res.body.id as string };
  }

  async function happyPath(orderId: string, token = 'tok_visa') {
    expect(await steps.reserveStock({ orderId })).toEqual({ ok: true });
    const paid = await steps.payAndConfirm({ orderId, paymentToken: token });
    expect(paid).toEqual({ ok: true, status: 'confirmed' });
    return paid;
  }
  const reasonOf = (r: { ok: boolean; reason?: string }) => (r.ok ? 'checkout_failed' : r.reason) as 'checkout_failed';

  test('When the saga succeeds, then the order is CONFIRMED, stock is taken and the history lists every step', async () => {
    const { me, product, orderId } = await pendingOrder(5, 2);

    await happyPath(orderId);

    const order = await request(h.app).get(`/v1/orders/${orderId}`).set(me.auth);
    const history = await request(h.app).get(`/v1/orders/${orderId}/history`).set(me.auth);
    expect(order.body.status).toBe('CONFIRMED');
    expect(stockLevels.get(product.id)).toBe(3);
    expect(history.body.map((e: { type: string }) => e.type)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'PaymentAuthorized',
      'PaymentCaptured',
      'OrderConfirmed',
    ]);
    expect(JSON.stringify(history.body)).not.toContain('sim_pay_'); // provider ids stay inside
    const topics = await h.pool.query(`SELECT topic FROM outbox WHERE id LIKE $1 ORDER BY id`, [`%/${orderId}/%`]);
    expect(topics.rows.map((r) => r.topic).sort()).toEqual(['order.confirmed', 'order.created']);
  });

  test('When every activity runs twice (at-least-once delivery), then each effect happens once', async () => {
    const { orderId } = await pendingOrder(5, 1);

    await happyPath(orderId);
    await happyPath(orderId);

    const { rows } = await h.pool.query('SELECT type FROM order_events WHERE order_id = $1 ORDER BY seq', [orderId]);
    expect(rows.map((r) => r.type)).toEqual([
      'OrderPlaced',
      'StockReserved',
      'PaymentAuthorized',
      'PaymentCaptured',
      'OrderConfirmed',
    ]);
    const effects = h.payments.effects.filter((e) => e.idempotencyKey.startsWith(orderId));
    // One provider call: authorised and captured at once.
    expect(effects.map((e) => e.operation)).toEqual(['authorize']);
  });

  test('When the projection is rebuilt from the events, then it equals the stored projection, for every status', async () => {
    const confirmed = (await pendingOrder()).orderId;
    await happyPath(confirmed);
    const declined = (await pendingOrder()).orderId;
    await steps.reserveStock({ orderId: declined });
    await steps.payAndConfirm({ orderId: declined, paymentToken: 'tok_decline' });
    await steps.cancelOrder({ orderId: declined, reason: 'payment_declined' });
    const shipped = (await pendingOrder()).orderId;
    await happyPath(shipped);
    await h.deps.orders.update(shipped, () => [
      { type: 'OrderShipped', data: { carrier: 'DHL', trackingNumber: 'T1' } },
    ]);

    for (const id of [confirmed, declined, shipped]) {
      const fromEvents = rebuild(await h.deps.orders.history(id));
      const projection = await h.deps.orders.get(id);
      expect(projection).toEqual(fromEvents);
    }
  });

  test('When the card is declined, then the reservation is released, the order is CANCELLED (payment_declined) and an event is queued', async () => {
    const { me, product, orderId } = await pendingOrder(5, 2);

    await steps.reserveStock({ orderId });
    const auth = await steps.payAndConfirm({ orderId, paymentToken: 'tok_decline' });
    await steps.cancelOrder({ orderId, reason: reasonOf(auth) });

    expect(auth).toMatchObject({ ok: false, reason: 'payment_declined' });
    expect(stockLevels.get(product.id)).toBe(5);
    const order = (await request(h.app).get(`/v1/orders/${orderId}`).set(me.auth)).body;
    expect(order).toMatchObject({ status: 'CANCELLED', cancellationReason: 'payment_declined' });
    const outbox = await h.pool.query(`SELECT payload FROM outbox WHERE id = $1`, [`order.cancelled/${orderId}/3`]);
    expect(outbox.rows[0]?.payload).toMatchObject({ orderId, reason: 'payment_declined', status: 'CANCELLED' });
  });

  test('When stock is short, then nothing is charged and the order is CANCELLED (out_of_stock)', async () => {
    const { me, orderId } = await pendingOrder(1, 2);

    const reserved = await steps.reserveStock({ orderId });
    await steps.cancelOrder({ orderId, reason: reasonOf(reserved) });

    expect(reserved).toEqual({ ok: false, reason: 'out_of_stock' });
    expect(h.payments.effects.some((e) => e.idempotencyKey.startsWith(orderId))).toBe(false);
    expect((await request(h.app).get(`/v1/orders/${orderId}`).set(me.auth)).body.cancellationReason).toBe(
      'out_of_stock',
    );
  });

  test('When a customer cancels a confirmed order, then a compensation is owed and, run twice, it refunds once and returns the stock', async () => {
    const { me, product, orderId } = await pendingOrder(5, 2);
    await happyPath(orderId);

    const [first, second] = [
      await request(h.app).post(`/v1/orders/${orderId}/cancel`).set(me.auth).send({}),
      await request(h.app).post(`/v1/orders/${orderId}/cancel`).set(me.auth).send({}),
    ];
    const owed = await h.pool.query(`SELECT saga FROM saga_starts WHERE order_id = $1 ORDER BY saga`, [orderId]);
    // The cancellation saga runs the one compensation activity; Dapr may run it twice.
    await steps.cancelOrder({ orderId, reason: 'customer_request' });
    await steps.cancelOrder({ orderId, reason: 'customer_request' });
    const admin = await h.customer(['customer', 'admin']);
    const ship = await request(h.app)
      .post(`/v1/orders/${orderId}/ship`)
      .set(admin.auth)
      .send({ carrier: 'DHL', trackingNumber: 'X' });

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(first.body).toMatchObject({ status: 'CANCELLED', cancellationReason: 'customer_request' });
    expect(h.signals.filter((s) => s.orderId === orderId)).toEqual([{ orderId, signal: 'cancellation-saga' }]);
    expect(owed.rows.map((r) => r.saga)).toEqual(['cancellation', 'checkout']);
    expect(h.payments.effects.filter((e) => e.idempotencyKey === `${orderId}:refund`)).toHaveLength(1);
    expect(stockLevels.get(product.id)).toBe(5);
    expect(ship.status).toBe(409);
    const { rows } = await h.pool.query(`SELECT type FROM order_events WHERE order_id = $1 AND type = 'RefundIssued'`, [
      orderId,
    ]);
    expect(rows).toHaveLength(1);
  });

  test('When an admin ships and delivers, then the status follows; a customer may not, and delivered cannot be cancelled', async () => {
    const { me, orderId } = await pendingOrder();
    await happyPath(orderId);
    const admin = await h.customer(['customer', 'admin']);

    const byCustomer = await request(h.app)
      .post(`/v1/orders/${orderId}/ship`)
      .set(me.auth)
      .send({ carrier: 'DHL', trackingNumber: 'T' });
    const badBody = await request(h.app).post(`/v1/orders/${orderId}/ship`).set(admin.auth).send({ carrier: 'DHL' });
    const shipped = await request(h.app)
      .post(`/v1/orders/${orderId}/ship`)
      .set(admin.auth)
      .send({ carrier: 'DHL', trackingNumber: 'T' });
    const delivered = await request(h.app).post(`/v1/orders/${orderId}/deliver`).set(admin.auth).send({});
    const cancel = await request(h.app).post(`/v1/orders/${orderId}/cancel`).set(me.auth).send({});

    expect(byCustomer.status).toBe(403);
    expect(badBody.status).toBe(400);
    expect(shipped.body).toMatchObject({ status: 'SHIPPED', shipment: { carrier: 'DHL', trackingNumber: 'T' } });
    expect(delivered.body.status).toBe('DELIVERED');
    expect(cancel.status).toBe(409);
  });

  test('When the payment provider fails transiently, then the step retries and succeeds, logging the retry', async () => {
    const { orderId } = await pendingOrder();
    await steps.reserveStock({ orderId });
    h.payments.failNext(1);

    const paid = await steps.payAndConfirm({ orderId, paymentToken: 'tok_visa' });

    expect(paid).toEqual({ ok: true, status: 'confirmed' });
    expect(h.logs.text()).toContain('checkout step failed, retrying');
  });

  test('When a change fails inside its transaction, then no event, no projection change and no outbox row survive it', async () => {
    const { orderId } = await pendingOrder();
    const count = async (sql: string) => Number((await h.pool.query(sql, [orderId])).rows[0].n);
    const before = {
      events: await count('SELECT count(*) AS n FROM order_events WHERE order_id = $1'),
      outbox: await count("SELECT count(*) AS n FROM outbox WHERE id LIKE '%/' || $1 || '/%'"),
      version: await count('SELECT version AS n FROM orders WHERE id = $1'),
    };

    // Confirmed and then a capture with no authorisation: the fold throws after both inserts.
    const events: OrderEvent[] = [
      { type: 'OrderConfirmed', data: {} },
      { type: 'PaymentCaptured', data: { paymentId: 'none', amount: 1 } },
    ];
    const failing = h.deps.orders.update(orderId, () => events);

    await expect(failing).rejects.toThrow(/captured without authorisation/);
    expect({
      events: await count('SELECT count(*) AS n FROM order_events WHERE order_id = $1'),
      outbox: await count("SELECT count(*) AS n FROM outbox WHERE id LIKE '%/' || $1 || '/%'"),
      version: await count('SELECT version AS n FROM orders WHERE id = $1'),
    }).toEqual(before);
    expect((await h.deps.orders.get(orderId))?.status).toBe('PENDING');
  });
});
