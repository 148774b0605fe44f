import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { catalogChangeSubscriptions } from '../src/entry-points/events/catalog-changes';
import { call, startHarness, stockCall, type Harness } from './support/harness';
import { makeCategory, makeProduct } from './support/catalog-data';

jest.setTimeout(60_000);

const REFRESH_MS = 700;

describe('The catalog read model and HTTP caching, on FerretDB', () => {
  let a: Harness; // this replica
  let b: Harness; // another replica on the same database
  beforeAll(async () => {
    a = await startHarness({ readModelRefreshMs: REFRESH_MS });
    b = await startHarness({ mongodbUrl: a.url, readModelRefreshMs: REFRESH_MS });
    await Promise.all([a.app.readModel!.loaded, b.app.readModel!.loaded]);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const page = (h: Harness, id: string) => request(h.http).get(`/v1/products/${id}`);
  const admin = async (h: Harness) => `Bearer ${await h.adminToken()}`;

  test('When this replica reserves stock, then its product page shows the new stock at once', async () => {
    const cat = await makeCategory(a);
    const p = await makeProduct(a, cat.id, { stock: 10 });
    expect((await page(a, p.id)).body.stock).toBe(10);

    await call(a.grpcClient, 'ReserveStock', {
      order_id: randomUUID(),
      items: [{ product_id: p.id, quantity: 3 }],
      ttl_seconds: 0,
    });

    expect((await page(a, p.id)).body.stock).toBe(7);
  });

  test('When another replica changes a product, then this replica shows it within the documented bound (one reload period)', async () => {
    const cat = await makeCategory(a);
    const p = await makeProduct(a, cat.id, { price: 1000 });
    expect((await page(a, p.id)).body.price).toBe(1000);

    const written = Date.now();
    const res = await request(b.http)
      .patch(`/v1/products/${p.id}`)
      .set('authorization', await admin(b))
      .send({ price: 1500 });
    expect(res.status).toBe(200);
    let seenAfter = -1;
    while (Date.now() - written < REFRESH_MS * 3) {
      if ((await page(a, p.id)).body.price === 1500) {
        seenAfter = Date.now() - written;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }

    expect(seenAfter).toBeGreaterThanOrEqual(0);
    // The bound: one full reload period (plus the reload's own read time on a busy machine).
    expect(seenAfter).toBeLessThanOrEqual(REFRESH_MS + 1_000);
    // And the listing of this replica shows it too.
    expect((await request(a.http).get(`/v1/products?category=${cat.id}`)).body.items[0].price).toBe(1500);
  });

  test('When a catalog event of another replica arrives, then this replica shows the change without waiting for the reload', async () => {
    const slow = await startHarness({ mongodbUrl: a.url, readModelRefreshMs: 60_000 });
    try {
      await slow.app.readModel!.loaded;
      const cat = await makeCategory(a);
      const p = await makeProduct(a, cat.id, { stock: 10 });
      await slow.app.readModel!.reload(p.id);
      await call(a.grpcClient, 'ReserveStock', {
        order_id: randomUUID(),
        items: [{ product_id: p.id, quantity: 4 }],
        ttl_seconds: 0,
      });
      expect((await page(slow, p.id)).body.stock).toBe(10); // stale until told

      const inventoryChanged = catalogChangeSubscriptions('pubsub', slow.app.readModel!).find(
        (s) => s.topic === 'inventory.changed',
      )!;
      await inventoryChanged.handler({ productId: p.id, stock: 6, version: 1, changedAt: new Date().toISOString() }, {
        id: 'e1',
        topic: 'inventory.changed',
      } as never);

      expect((await page(slow, p.id)).body.stock).toBe(6);
    } finally {
      await slow.close();
    }
  });

  test('When the read model is behind the store, then a reservation still decides on the stored stock', async () => {
    const cat = await makeCategory(a);
    const p = await makeProduct(a, cat.id, { stock: 2 });
    // Another writer takes the last units; this replica has not seen it yet.
    await a.store.products.updateOne({ _id: p.id }, { $set: { stock: 0 }, $inc: { stockVersion: 1 } });
    expect((await page(a, p.id)).body.stock).toBe(2);

    const result = await stockCall(a.grpcClient, 'ReserveStock', {
      order_id: randomUUID(),
      items: [{ product_id: p.id, quantity: 1 }],
      ttl_seconds: 0,
    });

    expect(result.status).toBe('rejected');
    expect((await a.store.products.findOne({ _id: p.id }))!.stock).toBe(0);
  });

  test('When an anonymous client revalidates a product page, then it gets a strong ETag, public max-age, and 304 until the product changes', async () => {
    const cat = await makeCategory(a);
    const p = await makeProduct(a, cat.id, { price: 700 });
    const first = await page(a, p.id);
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/); // strong: no W/ prefix
    expect(first.headers['cache-control']).toBe('public, max-age=2');

    const again = await page(a, p.id).set('if-none-match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    // fetch() sends conditional requests with Cache-Control: no-cache; the origin still answers 304.
    expect((await page(a, p.id).set('if-none-match', `W/${etag}`).set('cache-control', 'no-cache')).status).toBe(304);

    await request(a.http)
      .patch(`/v1/products/${p.id}`)
      .set('authorization', await admin(a))
      .send({ price: 800 });
    const changed = await page(a, p.id).set('if-none-match', etag);
    expect(changed.status).toBe(200);
    expect(changed.body.price).toBe(800);
    expect(changed.headers['etag']).not.toBe(etag);
  });

  test('When a listing or the category tree is revalidated, then 304; with credentials the answer is not publicly cacheable', async () => {
    const cat = await makeCategory(a);
    await makeProduct(a, cat.id);
    for (const path of [`/v1/products?category=${cat.id}`, '/v1/categories']) {
      const first = await request(a.http).get(path);
      expect(first.headers['cache-control']).toBe('public, max-age=2');
      expect(
        (
          await request(a.http)
            .get(path)
            .set('if-none-match', first.headers['etag'] as string)
        ).status,
      ).toBe(304);
    }
    const signedIn = await request(a.http)
      .get(`/v1/products?category=${cat.id}`)
      .set('authorization', `Bearer ${await a.userToken()}`);
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
  });
});
