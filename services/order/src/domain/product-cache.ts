import type { Catalog, ProductInfo } from './ports';

/**
 * The cart's view of the catalog: products somebody's cart asked about, kept fresh by
 * product's events (price, details, deletion) and its inventory stream. Checkout never reads
 * it: a price snapshot must come from GetProducts itself.
 */
export interface ProductCache extends Catalog {
  /** A stock level from the inventory stream; `version` is product's stock version (a counter). */
  applyStock(productId: string, stock: number, version: number): boolean;
  /** `version` is the product's updatedAt in epoch ms, as its events carry it. */
  applyPrice(change: { productId: string; price: number; currency: string; version: number }): boolean;
  applyProduct(change: { id: string; name: string; price: number; currency: string; version: number }): boolean;
  remove(productId: string): void;
  /** Forget everything: updates may have been missed (the stream was down). */
  invalidateAll(): void;
  readonly size: number;
}

export interface ProductCacheOptions {
  readonly maxEntries?: number;
  /** A safety net for missed events: an entry is fetched again at the latest after this. */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

interface Entry {
  info: ProductInfo;
  // undefined = unknown (GetProducts answers neither version): the next event is taken as newer.
  detailsVersion: number | undefined;
  stockVersion: number | undefined;
  readonly expiresAt: number;
}

/** One GetProducts call in flight; an event for one of its ids makes that answer unfit to keep. */
interface PendingFetch {
  readonly ids: ReadonlySet<string>;
  readonly spoiled: Set<string>;
  all: boolean;
}

const isStale = (known: number | undefined, version: number) => known !== undefined && version <= known;

export function createProductCache(source: Catalog, options: ProductCacheOptions = {}): ProductCache {
  const maxEntries = options.maxEntries ?? 10_000;
  const ttlMs = options.ttlMs ?? 60_000;
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recently used.
  const entries = new Map<string, Entry>();
  const pending = new Set<PendingFetch>();

  // An answer read before this event may already be older than the event: serve it, don't keep it.
  const spoil = (id: string) => {
    for (const f of pending) if (f.ids.has(id)) f.spoiled.add(id);
  };

  function store(id: string, info: ProductInfo, at: number): void {
    const version = (info as { version?: unknown }).version;
    entries.delete(id);
    entries.set(id, {
      info,
      detailsVersion: typeof version === 'number' ? version : undefined,
      stockVersion: undefined,
      expiresAt: at + ttlMs,
    });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  /** The live entry, or undefined (an expired one is dropped). */
  function live(id: string): Entry | undefined {
    const entry = entries.get(id);
    if (entry && entry.expiresAt <= now()) {
      entries.delete(id);
      return undefined;
    }
    return entry;
  }

  function updateDetails(id: string, version: number, change: Partial<ProductInfo>): boolean {
    spoil(id);
    const entry = live(id);
    if (!entry || isStale(entry.detailsVersion, version)) return false;
    entry.info = { ...entry.info, ...change };
    entry.detailsVersion = version;
    return true;
  }

  return {
    async getProducts(ids) {
      const result = new Map<string, ProductInfo>();
      const misses: string[] = [];
      for (const id of new Set(ids)) {
        const entry = live(id);
        if (!entry) {
          misses.push(id);
          continue;
        }
        entries.delete(id);
        entries.set(id, entry);
        result.set(id, entry.info);
      }
      if (misses.length === 0) return result;
      const fetch: PendingFetch = { ids: new Set(misses), spoiled: new Set(), all: false };
      pending.add(fetch);
      try {
        const fetched = await source.getProducts(misses);
        const at = now();
        for (const [id, info] of fetched) {
          result.set(id, info);
          // Unknown ids are not kept: a product created later must not stay hidden.
          if (info.found && fetch.ids.has(id) && !fetch.all && !fetch.spoiled.has(id)) store(id, info, at);
        }
      } finally {
        pending.delete(fetch);
      }
      return result;
    },

    applyStock(productId, stock, version) {
      spoil(productId);
      const entry = live(productId);
      if (!entry || isStale(entry.stockVersion, version)) return false;
      entry.info = { ...entry.info, available: stock };
      entry.stockVersion = version;
      return true;
    },

    applyPrice: ({ productId, price, currency, version }) => updateDetails(productId, version, { price, currency }),

    applyProduct: ({ id, name, price, currency, version }) => updateDetails(id, version, { name, price, currency }),

    // Deletion is final, whatever its version: the next read asks product (found: false).
    remove(productId) {
      spoil(productId);
      entries.delete(productId);
    },

    invalidateAll() {
      entries.clear();
      for (const f of pending) f.all = true;
    },

    get size() {
      return entries.size;
    },
  };
}
