import { randomUUID } from 'node:crypto';
import request from 'supertest';
import * as order from '../src/domain/order';
import { preferredWait } from '../src/entry-points/rest/order-routes';
import { orderHarness, type Harness } from './support';

jest.setTimeout(30_000);

/** GET /v1/orders/{id} with `Prefer: wait=N`: the outcome of a checkout without polling hard. */
describe('waiting for an order to settle', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await orderHarness('shop_order_unit');
  });
  afterAll(() => h.close());

  async function pendingOrder() {
    const me = await h.customer();
    const product = h.product({ price: 900 });
    await request(h.app).put(`/v1/cart/items/${product.id}`).set(me.auth).send({ quantity: 1 }).expect(200);
    const res = await request(h.app)
      .post('/v1/orders')
      .set(me.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ shippingAddressId: me.addressId, paymentMethod: { token: 'tok_visa' } })
      .expect(202);
    return { me, orderId: res.body.id as string };
  }

  test('When the order settles during the wait, then the answer comes at that change with its new status and Preference-Applied', async () => {
    const { me, orderId } = await pendingOrder();

    const started = Date.now();
    const waiting = request(h.app).get(`/v1/orders/${orderId}`).set(me.auth).set('Prefer', 'wait=15');
    const answer = waiting.then((res) => ({ res, after: Date.now() - started }));
    await new Promise((r) => setTimeout(r, 300));
    await h.deps.orders.update(orderId, (o) => order.cancel(o, 'customer_request'));
    const { res, after } = await answer;

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: orderId, status: 'CANCELLED' });
    expect(res.headers['preference-applied']).toBe('wait=15');
    expect(res.headers['vary']).toMatch(/prefer/i);
    expect(after).toBeLessThan(10_000); // woken by the change, not by the end of the wait
  });

  test('When nothing changes, then the answer is the PENDING order once the wait is over', async () => {
    const { me, orderId } = await pendingOrder();

    const res = await request(h.app).get(`/v1/orders/${orderId}`).set(me.auth).set('Prefer', 'wait=1');

    expect(res.status).toBe(200);
    expect(res.body.status).toBe('PENDING');
    expect(res.headers['preference-applied']).toBe('wait=1');
  });

  test('When a wait beyond the bound is asked for a settled order, then it answers at once and says the bound it applied', async () => {
    const { me, orderId } = await pendingOrder();
    await h.deps.orders.update(orderId, (o) => order.cancel(o, 'customer_request'));

    const res = await request(h.app).get(`/v1/orders/${orderId}`).set(me.auth).set('Prefer', 'wait=3600');

    expect(res.body.status).toBe('CANCELLED');
    expect(res.headers['preference-applied']).toBe('wait=20');
  });

  test("When the Prefer header is absent or not understood, then it answers at once without Preference-Applied; another user's order is 404 even when waiting", async () => {
    const { me, orderId } = await pendingOrder();
    const intruder = await h.customer();

    const plain = await request(h.app).get(`/v1/orders/${orderId}`).set(me.auth);
    const odd = await request(h.app)
      .get(`/v1/orders/${orderId}`)
      .set(me.auth)
      .set('Prefer', 'respond-async, wait=soon');
    const foreign = await request(h.app).get(`/v1/orders/${orderId}`).set(intruder.auth).set('Prefer', 'wait=5');

    expect(plain.headers['preference-applied']).toBeUndefined();
    expect(odd.status).toBe(200);
    expect(odd.headers['preference-applied']).toBeUndefined();
    expect(foreign.status).toBe(404);
  });

  test('When Prefer lists several preferences, then the wait among them is read (RFC 7240)', () => {
    expect(preferredWait('return=minimal, wait=7')).toBe(7);
    expect(preferredWait('WAIT = 3')).toBe(3);
    expect(preferredWait('wait="4"')).toBe(4);
    expect(preferredWait('wait=-1')).toBeUndefined();
    expect(preferredWait(undefined)).toBeUndefined();
  });
});
