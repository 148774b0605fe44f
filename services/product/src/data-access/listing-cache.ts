import type { ProductQuery } from '../domain/product';
import type { Product } from '../domain/product';

type Listing = { items: Product[]; total: number };

/**
 * Micro-cache for listing pages. On FerretDB 1.x a listing whose filter is not a plain
 * equality is a scan of the collection in FerretDB (≈300 ms for the 605-product demo
 * catalog, twice: page + exact total), so popular pages (a department, the first search
 * page) are kept for `ttlMs`. Every write through this process clears it at once; writes by
 * other replicas show after at most `ttlMs`. Listings are informational: the product page
 * and ReserveStock always read the store.
 */
export function createListingCache(ttlMs: number, maxEntries = 500, now: () => number = Date.now) {
  const entries = new Map<string, { at: number; value: Promise<Listing> }>();
  return {
    get(query: ProductQuery, load: () => Promise<Listing>): Promise<Listing> {
      if (ttlMs <= 0) return load();
      const key = JSON.stringify(query);
      const hit = entries.get(key);
      if (hit && now() - hit.at < ttlMs) return hit.value;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      // The promise is cached, so concurrent misses for one page share one scan.
      const value = load();
      entries.set(key, { at: now(), value });
      value.catch(() => entries.delete(key));
      return value;
    },
    clear: () => entries.clear(),
  };
}
