import request from 'supertest';
import { startHarness, type Harness } from './support/harness';
import { makeCategory, makeProduct, unique } from './support/catalog-data';

jest.setTimeout(60_000);

describe('Listing, filters, sorting and search on FerretDB', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const list = async (query: string) => {
    const res = await request(h.http).get(`/v1/products?${query}`);
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body as {
      items: { id: string; name: string; price: number }[];
      total: number;
      page: number;
      pageSize: number;
    };
  };

  test('When a parent category is filtered, then products of its descendants are included with an exact total', async () => {
    const parent = await makeCategory(h, { attributes: [] });
    const child = await makeCategory(h, { parentId: parent.id, attributes: [] });
    const other = await makeCategory(h, { attributes: [] });
    await makeProduct(h, parent.id, { attributes: {} });
    await makeProduct(h, child.id, { attributes: {} });
    await makeProduct(h, other.id, { attributes: {} });
    expect((await list(`category=${parent.id}`)).total).toBe(2);
    expect((await list(`category=${parent.slug}`)).total).toBe(2);
    expect((await list(`category=${child.id}`)).total).toBe(1);
  });

  test('When sorted by price both ways and paged, then the order and the pages are exact', async () => {
    const cat = await makeCategory(h, { attributes: [] });
    for (const price of [300, 100, 500, 200, 400]) await makeProduct(h, cat.id, { price, attributes: {} });
    const up = await list(`category=${cat.id}&sort=price`);
    expect(up.items.map((p) => p.price)).toEqual([100, 200, 300, 400, 500]);
    expect((await list(`category=${cat.id}&sort=-price`)).items.map((p) => p.price)).toEqual([500, 400, 300, 200, 100]);
    const page2 = await list(`category=${cat.id}&sort=price&page=2&pageSize=2`);
    expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.items.map((p) => p.price)).toEqual([300, 400]);
    expect((await list(`category=${cat.id}&sort=price&minPrice=200&maxPrice=400`)).items.map((p) => p.price)).toEqual([
      200, 300, 400,
    ]);
  });

  test('When sorted by name and by newest, then the orders follow', async () => {
    const cat = await makeCategory(h, { attributes: [] });
    for (const name of ['Charlie', 'alpha', 'Bravo']) await makeProduct(h, cat.id, { name, attributes: {} });
    expect((await list(`category=${cat.id}&sort=name`)).items.map((p) => p.name)).toEqual([
      'Bravo',
      'Charlie',
      'alpha',
    ]);
    expect((await list(`category=${cat.id}&sort=newest`)).items.map((p) => p.name)).toEqual([
      'Bravo',
      'alpha',
      'Charlie',
    ]);
  });

  test('When filtering by attributes and stock, then only matching products come back', async () => {
    const cat = await makeCategory(h);
    await makeProduct(h, cat.id, { attributes: { size: 42, color: 'red' }, stock: 0 });
    const blue42 = await makeProduct(h, cat.id, { attributes: { size: 42, color: 'blue' } });
    await makeProduct(h, cat.id, { attributes: { size: 44, color: 'blue' } });
    expect((await list(`category=${cat.id}&attr.size=42`)).total).toBe(2);
    expect((await list(`category=${cat.id}&attr.size=42&attr.color=blue`)).items.map((p) => p.id)).toEqual([blue42.id]);
    expect((await list(`category=${cat.id}&inStock=true`)).total).toBe(2);
  });

  test('When searching, then every word must match case-insensitively and name matches rank first', async () => {
    const cat = await makeCategory(h, { attributes: [] });
    const word = unique('zq').replace('-', '');
    const inName = await makeProduct(h, cat.id, { name: `Mega ${word} Laptop`, description: 'fast', attributes: {} });
    const inDescription = await makeProduct(h, cat.id, {
      name: 'Office Laptop',
      description: `with ${word} inside`,
      attributes: {},
    });
    await makeProduct(h, cat.id, { name: `${word} Phone`, description: 'no match for the other word', attributes: {} });
    const res = await list(`search=${word.toUpperCase()}%20LAPTOP`);
    expect(res.total).toBe(2);
    expect(res.items.map((p) => p.id)).toEqual([inName.id, inDescription.id]);
    expect((await list(`search=${word.slice(0, 5)}%20lapt`)).total).toBe(2); // prefixes
  });

  test('When the query has unknown or bad parameters, then 400 with the problem listed', async () => {
    for (const q of [
      'sort=cheapest',
      'page=0',
      'pageSize=1000',
      'minPrice=-1',
      'colour=red',
      'inStock=yes',
      'page=1&page=2',
    ]) {
      const res = await request(h.http).get(`/v1/products?${q}`);
      expect([q, res.status]).toEqual([q, 400]);
    }
  });

  test('When categories are listed, then each names its parent and a cycle is refused', async () => {
    const root = await makeCategory(h, { attributes: [] });
    const leaf = await makeCategory(h, { parentId: root.id, attributes: [] });
    const res = await request(h.http).get('/v1/categories');
    expect(res.body.items).toContainEqual(expect.objectContaining({ id: leaf.id, parentId: root.id, slug: leaf.slug }));
    const cycle = await request(h.http)
      .patch(`/v1/categories/${root.id}`)
      .set('authorization', `Bearer ${await h.adminToken()}`)
      .send({ parentId: leaf.id });
    expect(cycle.status).toBe(400);
    const dup = await request(h.http)
      .post('/v1/categories')
      .set('authorization', `Bearer ${await h.adminToken()}`)
      .send({ name: 'Dup', slug: leaf.slug });
    expect(dup.status).toBe(409);
  });

  test('When a listed product changes through the service, then the next listing shows it at once; a change behind its back shows within the cache TTL', async () => {
    const cat = await makeCategory(h, { attributes: [] });
    const p = await makeProduct(h, cat.id, { price: 1000, attributes: {} });
    expect((await list(`category=${cat.id}`)).items[0]!.price).toBe(1000);
    await request(h.http)
      .patch(`/v1/products/${p.id}`)
      .set('authorization', `Bearer ${await h.adminToken()}`)
      .send({ price: 2000 });
    expect((await list(`category=${cat.id}`)).items[0]!.price).toBe(2000);
    await h.store.products.updateOne({ _id: p.id }, { $set: { price: 3000 } }); // as another replica would
    expect((await list(`category=${cat.id}`)).items[0]!.price).toBe(2000);
    await new Promise((r) => setTimeout(r, 2_100));
    expect((await list(`category=${cat.id}`)).items[0]!.price).toBe(3000);
  });
});
