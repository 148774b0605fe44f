import request from 'supertest';
import { checkAttributes } from '../src/domain/category';
import { openProductStore, type ProductStore } from '../src/data-access/mongodb';
import { seedCatalog } from '../src/data-access/seed-repository';
import { buildDemoCatalog } from '../src/entry-points/cli/demo-catalog';
import { startHarness, type Harness } from './support/harness';

jest.setTimeout(120_000);

describe('The demo catalog seed on FerretDB', () => {
  let h: Harness;
  // Opened as the seed CLI opens it: bulk writes of a whole catalog outlast a request's 4 s bound.
  let seedStore: ProductStore;
  beforeAll(async () => {
    h = await startHarness();
    seedStore = await openProductStore(h.url, { socketTimeoutMs: 120_000 });
  });
  afterAll(async () => {
    await seedStore.stop();
    await h.close();
  });

  test('When the demo catalog is built, then it has ≥10 categories, ≥500 products valid against their schemas, and reviews', () => {
    const catalog = buildDemoCatalog();
    expect(catalog.categories.length).toBeGreaterThanOrEqual(10);
    expect(catalog.products.length).toBeGreaterThanOrEqual(500);
    expect(catalog.reviews.length).toBeGreaterThan(0);
    const byId = new Map(catalog.categories.map((c) => [c.id, c]));
    for (const p of catalog.products)
      expect(() => checkAttributes(byId.get(p.categoryId)!, p.attributes)).not.toThrow();
    expect(new Set(catalog.products.map((p) => p.sku)).size).toBe(catalog.products.length);
  });

  test('When the seed runs twice, then the second run inserts nothing and keeps what changed since', async () => {
    const catalog = buildDemoCatalog();
    const started = Date.now();
    const first = await seedCatalog(seedStore, catalog);
    const firstMs = Date.now() - started;
    expect(first).toMatchObject({
      productsInserted: catalog.products.length,
      categoriesInserted: catalog.categories.length,
      reviewsInserted: catalog.reviews.length,
    });
    const sold = catalog.products[0]!;
    await h.store.products.updateOne({ _id: sold.id }, { $set: { stock: 1 } });
    const second = await seedCatalog(seedStore, catalog);
    expect(second).toMatchObject({ productsInserted: 0, categoriesInserted: 0, reviewsInserted: 0 });
    expect(await h.store.products.countDocuments({})).toBe(catalog.products.length);
    expect((await h.store.products.findOne({ _id: sold.id }))!.stock).toBe(1);
    process.stdout.write(
      `seed: ${catalog.products.length} products, ${catalog.reviews.length} reviews in ${firstMs} ms\n`,
    );
  });

  test('When the seeded catalog is queried, then filters, search and ratings work on it', async () => {
    const laptops = await request(h.http).get('/v1/products?category=electronics&attr.ramGb=16&sort=-price&pageSize=5');
    expect(laptops.status).toBe(200);
    expect(laptops.body.total).toBeGreaterThan(0);
    const prices = laptops.body.items.map((p: { price: number }) => p.price);
    expect(prices).toEqual([...prices].sort((a: number, b: number) => b - a));
    const search = await request(h.http).get('/v1/products?search=running%20shoe');
    expect(search.body.total).toBeGreaterThan(0);
    const rated = await request(h.http).get('/v1/products?sort=-rating&pageSize=1');
    expect(rated.body.items[0].rating.count).toBeGreaterThan(0);
  });
});
