import { createProductCache } from '../src/domain/product-cache';
import type { Catalog, ProductInfo } from '../src/domain/ports';

const info = (id: string, over: Partial<ProductInfo> = {}): ProductInfo => ({
  id,
  found: true,
  name: `Product ${id}`,
  price: 1000,
  currency: 'USD',
  available: 10,
  ...over,
});

/** The product service as the cache sees it: records each call, answers from `catalog`. */
function fakeCatalog(products: ProductInfo[] = []) {
  const catalog = new Map(products.map((p) => [p.id, p]));
  const calls: string[][] = [];
  let gate: Promise<void> | undefined;
  const source: Catalog = {
    async getProducts(ids) {
      calls.push([...ids]);
      const answer = new Map(ids.map((id) => [id, catalog.get(id) ?? info(id, { found: false, name: '', price: 0 })]));
      await gate; // lets a test slip events in while a fetch is in flight
      return answer;
    },
  };
  return {
    source,
    catalog,
    calls,
    hold() {
      let open!: () => void;
      gate = new Promise<void>((r) => (open = r));
      return () => ((gate = undefined), open());
    },
  };
}

describe('product cache', () => {
  test('When some products are cached and others are not, then the misses are fetched in one call', async () => {
    const fake = fakeCatalog([info('a'), info('b'), info('c')]);
    const cache = createProductCache(fake.source);
    await cache.getProducts(['a']);

    const got = await cache.getProducts(['a', 'b', 'c', 'b']);

    expect(fake.calls).toEqual([['a'], ['b', 'c']]);
    expect([...got.keys()].sort()).toEqual(['a', 'b', 'c']);
    await cache.getProducts(['a', 'b', 'c']);
    expect(fake.calls).toHaveLength(2);
  });

  test('When a product is unknown, then it is answered as not found and asked again next time', async () => {
    const fake = fakeCatalog();
    const cache = createProductCache(fake.source);

    expect((await cache.getProducts(['x'])).get('x')?.found).toBe(false);
    await cache.getProducts(['x']);

    expect(fake.calls).toEqual([['x'], ['x']]);
    expect(cache.size).toBe(0);
  });

  test('When stock updates arrive out of order, then only newer versions change availability', async () => {
    const cache = createProductCache(fakeCatalog([info('a')]).source);
    await cache.getProducts(['a']);

    expect(cache.applyStock('a', 4, 7)).toBe(true);
    expect(cache.applyStock('a', 9, 6)).toBe(false);
    expect(cache.applyStock('a', 9, 7)).toBe(false);

    expect((await cache.getProducts(['a'])).get('a')?.available).toBe(4);
  });

  test('When price and detail events arrive, then newer ones apply and stale ones are ignored', async () => {
    const cache = createProductCache(fakeCatalog([info('a')]).source);
    await cache.getProducts(['a']);

    expect(cache.applyPrice({ productId: 'a', price: 1500, currency: 'USD', version: 2_000 })).toBe(true);
    expect(cache.applyPrice({ productId: 'a', price: 1200, currency: 'USD', version: 1_000 })).toBe(false);
    expect(cache.applyProduct({ id: 'a', name: 'Renamed', price: 1600, currency: 'EUR', version: 3_000 })).toBe(true);
    expect(cache.applyProduct({ id: 'a', name: 'Old', price: 1, currency: 'USD', version: 2_500 })).toBe(false);

    expect((await cache.getProducts(['a'])).get('a')).toEqual(
      info('a', { name: 'Renamed', price: 1600, currency: 'EUR' }),
    );
  });

  test('When events name a product nobody asked about, then nothing is cached', () => {
    const cache = createProductCache(fakeCatalog().source);

    expect(cache.applyStock('z', 1, 1)).toBe(false);
    expect(cache.applyPrice({ productId: 'z', price: 1, currency: 'USD', version: 1 })).toBe(false);

    expect(cache.size).toBe(0);
  });

  test('When a product is deleted, then the next read asks product again', async () => {
    const fake = fakeCatalog([info('a')]);
    const cache = createProductCache(fake.source);
    await cache.getProducts(['a']);
    fake.catalog.set('a', info('a', { found: false }));

    cache.remove('a');

    expect((await cache.getProducts(['a'])).get('a')?.found).toBe(false);
    expect(fake.calls).toHaveLength(2);
  });

  test('When the cache is invalidated, then every product is fetched again', async () => {
    const fake = fakeCatalog([info('a'), info('b')]);
    const cache = createProductCache(fake.source);
    await cache.getProducts(['a', 'b']);

    cache.invalidateAll();
    await cache.getProducts(['a', 'b']);

    expect(fake.calls).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ]);
  });

  test('When an event or an invalidation lands while a fetch is in flight, then that answer is served but not kept', async () => {
    const fake = fakeCatalog([info('a'), info('b'), info('c')]);
    const cache = createProductCache(fake.source);

    let open = fake.hold();
    const first = cache.getProducts(['a', 'b']);
    cache.applyStock('a', 0, 5); // may be newer than what the fetch read
    open();
    await first;
    expect(cache.size).toBe(1); // b kept, a not

    open = fake.hold();
    const second = cache.getProducts(['c']);
    cache.invalidateAll();
    open();
    await second;
    expect(cache.size).toBe(0);
  });

  test('When an entry outlives its TTL, then it is fetched again even without events', async () => {
    let now = 1_000_000;
    const fake = fakeCatalog([info('a')]);
    const cache = createProductCache(fake.source, { ttlMs: 60_000, now: () => now });
    await cache.getProducts(['a']);

    now += 59_999;
    await cache.getProducts(['a']);
    expect(fake.calls).toHaveLength(1);
    now += 1;
    await cache.getProducts(['a']);
    expect(fake.calls).toHaveLength(2);
  });

  test('When more products are asked for than the bound, then the least recently used are evicted', async () => {
    const fake = fakeCatalog(['a', 'b', 'c', 'd'].map((id) => info(id)));
    const cache = createProductCache(fake.source, { maxEntries: 3 });
    await cache.getProducts(['a', 'b', 'c']);
    await cache.getProducts(['a']); // a is now the most recently used

    await cache.getProducts(['d']);
    expect(cache.size).toBe(3);
    await cache.getProducts(['a', 'c', 'd']);
    expect(fake.calls).toHaveLength(2); // a, c, d all still cached
    await cache.getProducts(['b']);
    expect(fake.calls.at(-1)).toEqual(['b']);
  });
});
