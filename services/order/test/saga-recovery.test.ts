import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Registry } from 'prom-client';
import { createOrderStore } from '../src/data-access/order-repository';
import { checkoutMetrics } from '../src/entry-points/events/checkout-metrics';
import { checkoutActivities } from '../src/checkout/activities';
import { createSagaRecovery, createStalledSagaSweep, verdictOn } from '../src/checkout/sweeps';
import { fakeStock } from './fakes';
import { orderHarness, type Harness } from './support';

jest.setTimeout(30_000);

/** Owed saga starts (the workflow outbox) and the checkout metrics, on the real database. */
describe('owed sagas and checkout metrics', () => {
  let h: Harness;

  beforeAll(async () => {
    // Its own database: a sweep claims every owed start, so no other suite may own rows here.
    h = await orderHarness('shop_order_recovery');
  });
  // The sweeps look at every PENDING order, so each test starts from an empty database of
  // its own (TRUNCATE does not fire order_events' append-only row trigger).
  beforeEach(() => h.pool.query('TRUNCATE saga_starts, order_items, orders, order_events, idempotency_keys, outbox'));
  afterAll(() => h.close());

  async function placed(token = 'tok_visa') {
    const me = await h.customer();
    const product = h.product({ price: 700 });
    await request(h.app).put(`/v1/cart/items/${product.id}`).set(me.auth).send({ quantity: 1 }).expect(200);
    const res = await request(h.app)
      .post('/v1/orders')
      .set(me.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ shippingAddressId: me.addressId, paymentMethod: { token } })
      .expect(202);
    return { me, product, orderId: res.body.id as string };
  }
  const owed = async (orderId: string) =>
    (await h.pool.query('SELECT saga, payment_token, attempts FROM saga_starts WHERE order_id = $1', [orderId])).rows;

  test('When an order is placed, then its checkout saga is owed in the same transaction, with the payment token', async () => {
    const { orderId } = await placed('tok_3ds');

    expect(await owed(orderId)).toEqual([{ saga: 'checkout', payment_token: 'tok_3ds', attempts: 0 }]);
  });

  test('When the process died before starting the saga, then the sweep starts it once and forgets the token', async () => {
    const { orderId } = await placed();
    const scheduled: unknown[] = [];
    const recovery = createSagaRecovery({
      pool: h.pool,
      logger: h.logs.logger,
      graceSeconds: 0,
      schedule: async (id, saga, token) => void scheduled.push({ id, saga, token }),
    });

    await recovery.sweepOnce();
    await recovery.sweepOnce();

    expect(scheduled.filter((s) => (s as { id: string }).id === orderId)).toEqual([
      { id: orderId, saga: 'checkout', token: 'tok_visa' },
    ]);
    expect(await owed(orderId)).toEqual([]);
    expect(h.logs.text()).toContain('owed saga started by the recovery sweep');
  });

  test('When the sidecar refuses the start, then the owed start stays, backs off and is not retried at once', async () => {
    const { orderId } = await placed();
    let calls = 0;
    const recovery = createSagaRecovery({
      pool: h.pool,
      logger: h.logs.logger,
      graceSeconds: 0,
      schedule: async () => {
        calls += 1;
        throw new Error('sidecar down');
      },
    });

    await recovery.sweepOnce();
    await recovery.sweepOnce();

    expect(calls).toBe(1);
    expect(await owed(orderId)).toEqual([{ saga: 'checkout', payment_token: 'tok_visa', attempts: 1 }]);
  });

  test('When a start is younger than the grace period, then the sweep leaves it to its request', async () => {
    const { orderId } = await placed();
    const recovery = createSagaRecovery({
      pool: h.pool,
      logger: h.logs.logger,
      graceSeconds: 3600,
      schedule: async () => {
        throw new Error('must not be called');
      },
    });

    expect(await recovery.sweepOnce()).toBe(0);
    expect(await owed(orderId)).toHaveLength(1);
  });

  test('When checkouts end, then the metrics count each outcome once and time it from placement', async () => {
    const registry = new Registry();
    const orders = createOrderStore(h.pool, { pubsubName: 'pubsub', onEventsCommitted: checkoutMetrics(registry) });
    const stock = new Map<string, number>();
    const steps = checkoutActivities({
      orders,
      stock: fakeStock(stock),
      payments: h.payments,
      logger: h.logs.logger,
      reservationTtlSeconds: 600,
    });
    const good = await placed();
    const bad = await placed('tok_decline');
    stock.set(good.product.id, 5);
    stock.set(bad.product.id, 5);

    await steps.reserveStock({ orderId: good.orderId });
    await steps.payAndConfirm({ orderId: good.orderId, paymentToken: 'tok_visa' });
    await steps.payAndConfirm({ orderId: good.orderId, paymentToken: 'tok_visa' }); // Dapr ran it twice
    await steps.reserveStock({ orderId: bad.orderId });
    await steps.payAndConfirm({ orderId: bad.orderId, paymentToken: 'tok_decline' });
    await steps.cancelOrder({ orderId: bad.orderId, reason: 'payment_declined' });

    const text = await registry.metrics();
    expect(text).toContain('shop_checkouts_total{outcome="confirmed",reason=""} 1');
    expect(text).toContain('shop_checkouts_total{outcome="cancelled",reason="payment_declined"} 1');
    expect(text).toMatch(/shop_checkout_duration_seconds_count\{outcome="confirmed"\} 1/);
  });

  test('When a saga stopped moving, then only an idle active one, an overdue waiting one or a finished one is restarted', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    const ago = (s: number) => new Date(now - s * 1000);

    expect(verdictOn({ state: 'active', lastUpdatedAt: ago(30) }, now, 20, 60)).toBe('restart');
    expect(verdictOn({ state: 'active', lastUpdatedAt: ago(10) }, now, 20, 60)).toBe('leave');
    expect(verdictOn({ state: 'waiting', lastUpdatedAt: ago(70) }, now, 20, 60)).toBe('leave');
    expect(verdictOn({ state: 'waiting', lastUpdatedAt: ago(90) }, now, 20, 60)).toBe('restart');
    expect(verdictOn({ state: 'finished', lastUpdatedAt: ago(1) }, now, 20, 60)).toBe('restart');
    expect(verdictOn({ state: 'missing' }, now, 20, 60)).toBe('orphan');
  });

  test('When a PENDING order has a stalled saga, then the sweep restarts it with its payment token, once', async () => {
    const { orderId } = await placed('tok_3ds');
    await h.pool.query('DELETE FROM saga_starts WHERE order_id = $1', [orderId]); // the saga did start
    await h.pool.query("UPDATE orders SET updated_at = now() - interval '1 hour' WHERE id = $1", [orderId]);
    const restarts: unknown[] = [];
    const sweep = createStalledSagaSweep({
      pool: h.pool,
      logger: h.logs.logger,
      stallSeconds: 60,
      confirmationTimeoutSeconds: 600,
      inspector: {
        inspect: async (id) =>
          id === orderId
            ? { state: 'active', lastUpdatedAt: new Date(Date.now() - 3_600_000), paymentToken: 'tok_3ds' }
            : { state: 'active', lastUpdatedAt: new Date() },
        restart: async (id, token) => {
          restarts.push({ id, token });
          return true;
        },
      },
    });

    await sweep.sweepOnce();

    expect(restarts).toEqual([{ id: orderId, token: 'tok_3ds' }]);
    expect(h.logs.text()).toContain('stalled checkout saga restarted');
  });

  test('When more sagas wait for 3-D Secure than a sweep looks at, then a stalled one behind them is still restarted', async () => {
    const waiting = await Promise.all(Array.from({ length: 21 }, () => placed('tok_3ds')));
    const stalled = await placed();
    await h.pool.query('DELETE FROM saga_starts');
    const ids = [...waiting.map((w) => w.orderId), stalled.orderId];
    await h.pool.query("UPDATE orders SET updated_at = now() - interval '1 hour' WHERE id = ANY($1)", [ids]);
    await h.pool.query("UPDATE orders SET updated_at = now() - interval '59 minutes' WHERE id = $1", [stalled.orderId]);
    const restarts: string[] = [];
    const sweep = createStalledSagaSweep({
      pool: h.pool,
      logger: h.logs.logger,
      stallSeconds: 60,
      confirmationTimeoutSeconds: 7_200,
      inspector: {
        inspect: async (id) =>
          id === stalled.orderId
            ? { state: 'active', lastUpdatedAt: new Date(Date.now() - 3_000_000), paymentToken: 'tok_visa' }
            : { state: 'waiting', lastUpdatedAt: new Date(Date.now() - 3_600_000), paymentToken: 'tok_3ds' },
        restart: async (id) => {
          restarts.push(id);
          return true;
        },
      },
    });

    await sweep.sweepOnce();
    await sweep.sweepOnce();

    expect(restarts).toEqual([stalled.orderId]);
  });
});
