import type { Logger, Stoppable } from '@shop/service-kit';
import { periodic } from '@shop/service-kit/periodic';
import { notOlder, queryProducts, type IndexedProduct } from '../domain/catalog-query';
import type { CatalogReads, ProductRepository } from '../domain/ports';
import type { Product, ProductQuery } from '../domain/product';
import { keywordsOf } from '../domain/search';
import { productOf } from './catalog-records';
import type { ProductStore } from './mongodb';

export interface CatalogReadModel extends CatalogReads, Stoppable {
  /** Takes a product as a write left it (kept only if it is not older than what is held). */
  apply(product: Product): void;
  /** Reads one product again from the store (an event from another replica, a rating). */
  reload(id: string): Promise<void>;
  /** Reloads the product unless the model holds this version of it (or a newer one) already. */
  refreshIfBehind(id: string, seen: { stockVersion?: number; updatedAt?: Date }): Promise<void>;
  /** Resolves once the first full load is in (reads go to the store until then). */
  readonly loaded: Promise<void>;
}

export interface ReadModelOptions {
  /** Full reload from the store this often: the bound on how stale a missed change can be. */
  readonly refreshMs: number;
  readonly logger: Logger;
  /** Listing results kept per query until the next change; oldest dropped beyond this. */
  readonly maxListings?: number;
}

/**
 * The catalog shoppers browse, held in memory per replica: product pages, listings, search
 * and filters are answered without a store round trip (FerretDB 1.x evaluates most filters
 * by decoding the whole collection). Kept current by this replica's own writes at once
 * (`withReadModel`), by catalog events for other replicas' writes, and by a full reload
 * every `refreshMs`; a product page it does not hold yet is read from the store. Stock decisions never read it: ReserveStock and GetProducts read the store.
 */
export function createCatalogReadModel(
  store: ProductStore,
  fallback: ProductRepository,
  options: ReadModelOptions,
): CatalogReadModel {
  const entries = new Map<string, IndexedProduct>();
  const listings = new Map<string, { items: Product[]; total: number }>();
  const maxListings = options.maxListings ?? 1_000;
  let ready = false;

  const put = (product: Product): boolean => {
    const held = entries.get(product.id)?.product;
    if (held && !notOlder(product, held)) return false;
    // The same product again (a full reload) changes nothing: keep the object, so its
    // serialised form and the cached listings stay valid.
    if (held && JSON.stringify(held) === JSON.stringify(product)) return false;
    entries.set(product.id, { product, keywords: keywordsOf(product) });
    return true;
  };
  const changed = () => listings.clear();

  async function loadAll(): Promise<void> {
    const docs = await store.products.find({}, { projection: { outbox: 0, keywords: 0 } }).toArray();
    let any = false;
    for (const d of docs) any = put(productOf(d)) || any;
    if (any) changed();
    ready = true;
  }

  async function reload(id: string): Promise<void> {
    const d = await store.products.findOne({ _id: id }, { projection: { outbox: 0, keywords: 0 } });
    if (d && put(productOf(d))) changed();
  }

  const loaded = loadAll().catch((err: unknown) =>
    options.logger.warn('catalog read model: first load failed, reads go to the store', { err }),
  );
  const reloads = periodic('catalog read model: reload', loadAll, {
    logger: options.logger,
    intervalMs: options.refreshMs,
    ref: false,
  });
  reloads.start();

  return {
    loaded: loaded.then(() => undefined),
    async byId(id) {
      if (!ready) return fallback.byId(id);
      const held = entries.get(id)?.product;
      if (held) return held;
      // Not held: created elsewhere since the last reload, or no such product. One pushed-down
      // `_id` lookup answers it and keeps what it found (nothing is kept for a miss).
      const found = await fallback.byId(id);
      if (found) put(found);
      return entries.get(id)?.product ?? found;
    },
    held: (id) => (ready ? entries.get(id)?.product : undefined),
    async list(query: ProductQuery) {
      if (!ready) return fallback.list(query);
      const key = JSON.stringify(query);
      let hit = listings.get(key);
      if (!hit) {
        if (listings.size >= maxListings) listings.delete(listings.keys().next().value!);
        hit = queryProducts(entries.values(), query);
        listings.set(key, hit);
      }
      return hit;
    },
    apply(product) {
      if (put(product)) changed();
    },
    reload,
    async refreshIfBehind(id, seen) {
      const held = entries.get(id)?.product;
      const behind =
        !held ||
        (seen.stockVersion !== undefined && held.stockVersion < seen.stockVersion) ||
        (seen.updatedAt !== undefined && held.updatedAt.getTime() < seen.updatedAt.getTime());
      if (behind) await reload(id);
    },
    name: 'catalog read model',
    stop: () => reloads.stop(),
  };
}

/**
 * The repository with every write also applied to the read model once it is stored. A write
 * method added to ProductRepository must be wrapped here too, or this replica shows it only
 * after the next reload (the read-model tests reserve, edit, delete and rate through it).
 */
export function withReadModel(repo: ProductRepository, model: CatalogReadModel): ProductRepository {
  const applied = (p: Product | undefined) => (p && model.apply(p), p);
  return {
    ...repo,
    async insert(product, events) {
      await repo.insert(product, events);
      model.apply(product);
    },
    update: async (id, changes, eventsOf) => applied(await repo.update(id, changes, eventsOf)),
    async markDeleted(id, at, events) {
      const done = await repo.markDeleted(id, at, events);
      if (done) await model.reload(id);
      return done;
    },
    async takeStockBatch(id, takes, eventsOf) {
      const result = await repo.takeStockBatch(id, takes, eventsOf);
      applied(result.after);
      return result;
    },
    giveBackStock: async (id, move, eventsOf) => applied(await repo.giveBackStock(id, move, eventsOf)),
    setStock: async (id, stock, eventsOf) => applied(await repo.setStock(id, stock, eventsOf)),
    async setRating(id, sum, count) {
      await repo.setRating(id, sum, count);
      await model.reload(id);
    },
  };
}
