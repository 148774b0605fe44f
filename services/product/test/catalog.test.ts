import request from 'supertest';
import { startHarness, type Harness } from './support/harness';
import { makeCategory, makeProduct, unique } from './support/catalog-data';

jest.setTimeout(60_000);

describe('Catalog REST on FerretDB', () => {
  let h: Harness;
  let admin: string;
  beforeAll(async () => {
    h = await startHarness();
    admin = await h.adminToken();
  });
  afterAll(() => h.close());

  const asAdmin = (r: request.Test) => r.set('authorization', `Bearer ${admin}`);

  test('When an admin creates a product, then it can be read with the contract shape and product.created is published', async () => {
    const cat = await makeCategory(h);
    const created = await makeProduct(h, cat.id, { name: 'Contract Shoe', images: ['https://img.example/1.jpg'] });
    const res = await request(h.http).get(`/v1/products/${created.id}`);
    expect(res.status).toBe(200);
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'attributes',
        'categoryId',
        'createdAt',
        'currency',
        'description',
        'id',
        'images',
        'name',
        'price',
        'rating',
        'sku',
        'stock',
        'tags',
        'updatedAt',
      ].sort(),
    );
    expect(res.body).toMatchObject({
      name: 'Contract Shoe',
      price: 5999,
      currency: 'USD',
      stock: 10,
      rating: { average: 0, count: 0 },
    });
    expect(h.events).toContainEqual(
      expect.objectContaining({ topic: 'product.created', id: `product.created/${created.id}` }),
    );
  });

  test('When attributes break the category schema, then every problem is reported with 400 and nothing is stored', async () => {
    const cat = await makeCategory(h);
    const sku = unique('BAD');
    const res = await asAdmin(request(h.http).post('/v1/products')).send({
      sku,
      name: 'Bad',
      categoryId: cat.id,
      price: 100,
      currency: 'USD',
      attributes: { color: 'green', weight: 3 },
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'attributes.color',
      'attributes.size',
      'attributes.weight',
    ]);
    expect(await h.store.products.countDocuments({ sku })).toBe(0);
  });

  test('When a customer or an anonymous caller tries an admin write, then 403 and 401 and nothing changes', async () => {
    const cat = await makeCategory(h);
    const p = await makeProduct(h, cat.id);
    const customer = await h.userToken();
    const patch = await request(h.http)
      .patch(`/v1/products/${p.id}`)
      .set('authorization', `Bearer ${customer}`)
      .send({ price: 1 });
    const stock = await request(h.http)
      .put(`/v1/products/${p.id}/inventory`)
      .set('authorization', `Bearer ${customer}`)
      .send({ stock: 0 });
    const category = await request(h.http)
      .post('/v1/categories')
      .set('authorization', `Bearer ${customer}`)
      .send({ name: 'X', slug: unique('x') });
    const anonymous = await request(h.http).delete(`/v1/products/${p.id}`);
    expect([patch.status, stock.status, category.status, anonymous.status]).toEqual([403, 403, 403, 401]);
    expect(await h.store.products.findOne({ _id: p.id })).toMatchObject({ price: 5999, stock: 10, deleted: false });
  });

  test('When the price changes, then product.updated and product.price-changed are published with ids derived from the change', async () => {
    const cat = await makeCategory(h);
    const p = await makeProduct(h, cat.id);
    const res = await asAdmin(request(h.http).patch(`/v1/products/${p.id}`)).send({ price: 4999 });
    expect(res.status).toBe(200);
    const stamp = new Date(res.body.updatedAt).getTime();
    const price = h.events.find((e) => e.topic === 'product.price-changed' && e.id.includes(p.id));
    expect(price).toMatchObject({
      id: `product.price-changed/${p.id}/${stamp}`,
      data: { oldPrice: 5999, newPrice: 4999 },
    });
    expect(h.events.some((e) => e.topic === 'product.updated' && e.id === `product.updated/${p.id}/${stamp}`)).toBe(
      true,
    );
  });

  test('When a product is deleted, then it is gone from reads and listings, stays in the store, and product.deleted is published', async () => {
    const cat = await makeCategory(h);
    const p = await makeProduct(h, cat.id);
    expect((await asAdmin(request(h.http).delete(`/v1/products/${p.id}`))).status).toBe(204);
    expect((await request(h.http).get(`/v1/products/${p.id}`)).status).toBe(404);
    expect((await request(h.http).get(`/v1/products?category=${cat.id}`)).body.total).toBe(0);
    expect(await h.store.products.findOne({ _id: p.id })).toMatchObject({ deleted: true });
    expect(h.events.some((e) => e.topic === 'product.deleted' && e.id === `product.deleted/${p.id}`)).toBe(true);
    expect((await asAdmin(request(h.http).delete(`/v1/products/${p.id}`))).status).toBe(404);
  });

  test('When the sku exists already, then the second create is a 409', async () => {
    const cat = await makeCategory(h);
    const p = await makeProduct(h, cat.id);
    const res = await asAdmin(request(h.http).post('/v1/products')).send({
      sku: p.sku,
      name: 'Dup',
      categoryId: cat.id,
      price: 1,
      currency: 'USD',
      attributes: { size: 40 },
    });
    expect(res.status).toBe(409);
  });

  test('When ids are malformed or unknown, then 400 and 404, never 500', async () => {
    expect((await request(h.http).get('/v1/products/not%20an%20id!')).status).toBe(400);
    expect((await request(h.http).get(`/v1/products/${'a'.repeat(65)}`)).status).toBe(400);
    expect((await request(h.http).get('/v1/products/%E0%A4%A')).status).toBe(400);
    expect((await request(h.http).get('/v1/products/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await request(h.http).get('/v1/products?category[$ne]=x')).status).toBe(400);
    expect((await request(h.http).get('/v1/products?attr.$where=1')).status).toBe(400);
  });

  test('When bodies are oversized, deeply nested, or carry forbidden fields, then 4xx and nothing is stored', async () => {
    const cat = await makeCategory(h);
    const sku = unique('NEST');
    let nested: unknown = 'x';
    for (let i = 0; i < 5_000; i += 1) nested = { a: nested };
    const base = { sku, name: 'N', categoryId: cat.id, price: 1, currency: 'USD', attributes: { size: 40 } };
    const deep = await asAdmin(request(h.http).post('/v1/products')).send({
      ...base,
      attributes: { size: 40, color: nested },
    });
    const huge = await asAdmin(request(h.http).post('/v1/products')).send({
      ...base,
      description: 'x'.repeat(200_000),
    });
    const forbidden = await asAdmin(request(h.http).post('/v1/products')).send({
      ...base,
      rating: { average: 5, count: 100 },
    });
    const notJson = await asAdmin(request(h.http).post('/v1/products'))
      .set('content-type', 'application/json')
      .send('{"sku":');
    expect([deep.status, huge.status, forbidden.status, notJson.status]).toEqual([400, 413, 400, 400]);
    expect(await h.store.products.countDocuments({ sku })).toBe(0);
  });
});
