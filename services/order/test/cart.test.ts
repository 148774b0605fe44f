import request from 'supertest';
import { orderHarness, type Harness } from './support';

jest.setTimeout(30_000);

describe('/v1/cart', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await orderHarness('shop_order_unit');
  });
  afterAll(() => h.close());

  test('When a customer puts items, then the cart shows current prices, availability and the subtotal', async () => {
    const me = await h.customer();
    const teapot = h.product({ price: 1999, available: 1 });
    const cup = h.product({ name: 'Cup', price: 500, available: 10 });

    await request(h.app).put(`/v1/cart/items/${teapot.id}`).set(me.auth).send({ quantity: 2 }).expect(200);
    const res = await request(h.app).put(`/v1/cart/items/${cup.id}`).set(me.auth).send({ quantity: 3 });
    h.products.set(cup.id, { ...cup, price: 450 }); // a price change shows on the next read
    const later = await request(h.app).get('/v1/cart').set(me.auth);

    expect(res.body).toEqual({
      items: [
        { productId: teapot.id, name: 'Teapot', quantity: 2, unitPrice: 1999, available: false },
        { productId: cup.id, name: 'Cup', quantity: 3, unitPrice: 500, available: true },
      ],
      subtotal: 2 * 1999 + 3 * 500,
      currency: 'USD',
    });
    expect(later.body.subtotal).toBe(2 * 1999 + 3 * 450);
  });

  test('When the same product is put again, then its quantity is replaced, not added', async () => {
    const me = await h.customer();
    const p = h.product();
    await request(h.app).put(`/v1/cart/items/${p.id}`).set(me.auth).send({ quantity: 2 });

    const res = await request(h.app).put(`/v1/cart/items/${p.id}`).set(me.auth).send({ quantity: 5 });

    expect(res.body.items).toEqual([expect.objectContaining({ productId: p.id, quantity: 5 })]);
  });

  test('When two tabs add different products at the same moment, then no update is lost (ETag retry)', async () => {
    const me = await h.customer();
    const products = Array.from({ length: 6 }, () => h.product());

    const results = await Promise.all(
      products.map((p) => request(h.app).put(`/v1/cart/items/${p.id}`).set(me.auth).send({ quantity: 1 })),
    );

    expect(results.map((r) => r.status)).toEqual(Array(6).fill(200));
    const cart = (await request(h.app).get('/v1/cart').set(me.auth)).body;
    expect(cart.items.map((i: { productId: string }) => i.productId).sort()).toEqual(products.map((p) => p.id).sort());
  });

  test('When items are removed or the cart is cleared, then they are gone', async () => {
    const me = await h.customer();
    const [a, b] = [h.product(), h.product()];
    await request(h.app).put(`/v1/cart/items/${a.id}`).set(me.auth).send({ quantity: 1 });
    await request(h.app).put(`/v1/cart/items/${b.id}`).set(me.auth).send({ quantity: 1 });

    const afterRemove = await request(h.app).delete(`/v1/cart/items/${a.id}`).set(me.auth);
    const cleared = await request(h.app).delete('/v1/cart').set(me.auth);
    const after = await request(h.app).get('/v1/cart').set(me.auth);

    expect(afterRemove.body.items.map((i: { productId: string }) => i.productId)).toEqual([b.id]);
    expect(cleared.status).toBe(204);
    expect(after.body).toEqual({ items: [], subtotal: 0, currency: null });
  });

  test.each([
    ['quantity 0', { quantity: 0 }],
    ['quantity above the cap', { quantity: 100 }],
    ['a fractional quantity', { quantity: 1.5 }],
    ['a client-sent price', { quantity: 1, unitPrice: 1 }],
    ['no quantity', {}],
  ])('When an item is put with %s, then it is a 400 problem and the cart is unchanged', async (_label, body) => {
    const me = await h.customer();
    const p = h.product();

    const res = await request(h.app).put(`/v1/cart/items/${p.id}`).set(me.auth).send(body);

    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts/); // no stack traces
    expect((await request(h.app).get('/v1/cart').set(me.auth)).body.items).toEqual([]);
  });

  test('When an unknown product is put, then it is 404 and the cart is unchanged', async () => {
    const me = await h.customer();

    const res = await request(h.app).put('/v1/cart/items/no-such-product').set(me.auth).send({ quantity: 1 });

    expect(res.status).toBe(404);
    expect((await request(h.app).get('/v1/cart').set(me.auth)).body.items).toEqual([]);
  });

  test('When two users fill carts, then each sees only their own', async () => {
    const [a, b] = [await h.customer(), await h.customer()];
    const p = h.product();
    await request(h.app).put(`/v1/cart/items/${p.id}`).set(a.auth).send({ quantity: 1 });

    expect((await request(h.app).get('/v1/cart').set(b.auth)).body.items).toEqual([]);
    expect((await request(h.app).get('/v1/cart')).status).toBe(401);
  });
});
