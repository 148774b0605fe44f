import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { orderHarness, type Harness } from './support';

jest.setTimeout(30_000);

describe('POST/GET /v1/orders', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await orderHarness('shop_order_unit');
  });
  afterAll(() => h.close());

  async function withCart(quantity = 2) {
    const me = await h.customer();
    const product = h.product({ price: 1250 });
    await request(h.app).put(`/v1/cart/items/${product.id}`).set(me.auth).send({ quantity }).expect(200);
    return { me, product };
  }
  const place = (
    me: { auth: Record<string, string>; addressId: string },
    key: string | undefined = randomUUID(),
    token = 'tok_visa',
  ) => {
    const req = request(h.app).post('/v1/orders').set(me.auth);
    if (key !== undefined) req.set('Idempotency-Key', key);
    return req.send({ shippingAddressId: me.addressId, paymentMethod: { token } });
  };

  test('When a customer checks out a cart, then it is 202 PENDING with snapshotted prices, the saga starts and the cart is emptied', async () => {
    const { me, product } = await withCart(2);

    const res = await place(me);

    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      status: 'PENDING',
      total: 2500,
      currency: 'USD',
      items: [{ productId: product.id, name: 'Teapot', quantity: 2, unitPrice: 1250 }],
      shippingAddress: { city: 'London', country: 'GB' },
    });
    expect(res.headers['location']).toBe(`/v1/orders/${res.body.id}`);
    // The answer is the order as written, without a read back: the same as a later GET.
    expect((await request(h.app).get(`/v1/orders/${res.body.id}`).set(me.auth)).body).toEqual(res.body);
    expect(h.started).toContainEqual({ orderId: res.body.id, paymentToken: 'tok_visa' });
    expect((await request(h.app).get('/v1/cart').set(me.auth)).body.items).toEqual([]);
    const outbox = await h.pool.query(`SELECT topic, payload FROM outbox WHERE id LIKE $1`, [`%/${res.body.id}/%`]);
    expect(outbox.rows).toEqual([
      { topic: 'order.created', payload: expect.objectContaining({ orderId: res.body.id, total: 2500 }) },
    ]);
  });

  test('When 10 identical requests with one Idempotency-Key arrive at once, then they all answer the same single order', async () => {
    const { me } = await withCart(1);
    const key = randomUUID();

    const results = await Promise.all(Array.from({ length: 10 }, () => place(me, key)));

    expect(results.map((r) => r.status)).toEqual(Array(10).fill(202));
    const ids = new Set(results.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM orders WHERE user_id = $1', [me.id]);
    expect(rows[0].n).toBe(1);
    const events = await h.pool.query(`SELECT count(*)::int AS n FROM order_events WHERE order_id = $1`, [[...ids][0]]);
    expect(events.rows[0].n).toBe(1);
  });

  test('When the same key is reused later, then the same order comes back even though the cart is now empty', async () => {
    const { me } = await withCart(1);
    const key = randomUUID();
    const first = await place(me, key);

    const again = await place(me, key);

    expect(again.status).toBe(202);
    expect(again.body.id).toBe(first.body.id);
  });

  test('When a key is reused with a different request, then it is 409 and no second order exists', async () => {
    const { me } = await withCart(1);
    const key = randomUUID();
    await place(me, key).expect(202);

    const res = await place(me, key, 'tok_decline');

    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM orders WHERE user_id = $1', [me.id]);
    expect(rows[0].n).toBe(1);
  });

  test('When two users use the same key, then each gets their own order', async () => {
    const a = await withCart(1);
    const b = await withCart(1);
    const key = randomUUID();

    const [ra, rb] = [await place(a.me, key), await place(b.me, key)];

    expect(ra.body.id).not.toBe(rb.body.id);
  });

  test.each([
    ['no Idempotency-Key', undefined, {}],
    ['a too short Idempotency-Key', 'short', {}],
    ['a client-sent status', 'key-1234567', { status: 'CONFIRMED' }],
    ['a client-sent total', 'key-1234567', { total: 1 }],
  ])('When an order is posted with %s, then it is a 400 problem and nothing is written', async (_label, key, extra) => {
    const { me } = await withCart(1);

    const res = await request(h.app)
      .post('/v1/orders')
      .set(me.auth)
      .set(key === undefined ? {} : { 'Idempotency-Key': key })
      .send({ shippingAddressId: me.addressId, paymentMethod: { token: 'tok_visa' }, ...extra });

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM orders WHERE user_id = $1', [me.id]);
    expect(rows[0].n).toBe(0);
  });

  test("When the cart is empty or the address is not the caller's, then it is a 4xx and no order exists", async () => {
    const me = await h.customer();
    const other = await h.customer();
    const empty = await place(me);
    const { me: shopper } = await withCart(1);
    const foreignAddress = await request(h.app)
      .post('/v1/orders')
      .set(shopper.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ shippingAddressId: other.addressId, paymentMethod: { token: 'tok_visa' } });

    expect(empty.status).toBe(409);
    expect(foreignAddress.status).toBe(400);
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM orders WHERE user_id = ANY($1)', [
      [me.id, shopper.id],
    ]);
    expect(rows[0].n).toBe(0);
  });

  test("When a user asks for another user's order, its history or cancels it, then it is 404 and the order is unchanged", async () => {
    const { me } = await withCart(1);
    const order = (await place(me)).body;
    const intruder = await h.customer();

    const reads = await Promise.all([
      request(h.app).get(`/v1/orders/${order.id}`).set(intruder.auth),
      request(h.app).get(`/v1/orders/${order.id}/history`).set(intruder.auth),
      request(h.app).post(`/v1/orders/${order.id}/cancel`).set(intruder.auth).send({}),
    ]);
    const list = await request(h.app).get('/v1/orders').set(intruder.auth);

    expect(reads.map((r) => r.status)).toEqual([404, 404, 404]);
    expect(list.body).toEqual({ items: [], total: 0, page: 1, pageSize: 20 });
    expect((await request(h.app).get(`/v1/orders/${order.id}`).set(me.auth)).body.status).toBe('PENDING');
  });

  test('When a customer lists orders, then only theirs come back, newest first, paginated', async () => {
    const { me } = await withCart(1);
    const first = (await place(me)).body;
    const product = h.product();
    await request(h.app).put(`/v1/cart/items/${product.id}`).set(me.auth).send({ quantity: 3 }).expect(200);
    const second = (await place(me)).body;

    const res = await request(h.app).get('/v1/orders?pageSize=1&page=2').set(me.auth);

    expect(res.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(res.body.items.map((o: { id: string }) => o.id)).toEqual([first.id]);
    expect(second.id).not.toBe(first.id);
  });

  test('When a request has no token, or a malformed order id, then it is 401 or 404', async () => {
    const me = await h.customer();
    expect((await request(h.app).get('/v1/orders')).status).toBe(401);
    expect((await request(h.app).get('/v1/orders/not-a-uuid').set(me.auth)).status).toBe(404);
  });
});
