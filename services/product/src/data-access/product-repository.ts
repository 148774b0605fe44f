import type { Filter, Sort } from 'mongodb';
import { AppError } from '@shop/service-kit';
import type { ProductRepository } from '../domain/ports';
import type { ProductQuery, SortOrder } from '../domain/product';
import { keywordsOf, relevance, wordsOf } from '../domain/search';
import { outboxEntryOf, productDocOf, productOf, type ProductDoc } from './catalog-records';
import { createListingCache } from './listing-cache';
import { isDuplicateKey, type ProductStore } from './mongodb';
import { recording, writeWithEvents } from './mongodb-writes';
import { createStockWrites } from './mongodb-stock-writes';

const SORTS: Record<Exclude<SortOrder, 'relevance'>, Sort> = {
  price: { price: 1, _id: 1 },
  '-price': { price: -1, _id: 1 },
  rating: { ratingAverage: 1, _id: 1 },
  '-rating': { ratingAverage: -1, ratingCount: -1, _id: 1 },
  newest: { createdAt: -1, _id: 1 },
  name: { name: 1, _id: 1 },
};
/** Relevance is ranked in memory over at most this many matches (a catalog search, not a log search). */
const MAX_RANKED = 5_000;

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "16" may be stored as the number 16 or the string "16": match either. */
function attributeValues(raw: string): (string | number | boolean)[] {
  const values: (string | number | boolean)[] = [raw];
  if (raw !== '' && Number.isFinite(Number(raw))) values.push(Number(raw));
  if (raw === 'true' || raw === 'false') values.push(raw === 'true');
  return values;
}

/**
 * Top-level fields, not one big $and: FerretDB 1.x pushes simple top-level equalities down
 * to PostgreSQL (a leaf category becomes an indexed SQL filter) and filters the rest in Go.
 */
function filterOf(q: ProductQuery, words: readonly string[]): Filter<ProductDoc> {
  const filter: Record<string, unknown> = { deleted: false };
  if (q.categoryIds) filter['categoryId'] = q.categoryIds.length === 1 ? q.categoryIds[0] : { $in: [...q.categoryIds] };
  if (q.minPrice !== undefined || q.maxPrice !== undefined) {
    filter['price'] = {
      ...(q.minPrice === undefined ? {} : { $gte: q.minPrice }),
      ...(q.maxPrice === undefined ? {} : { $lte: q.maxPrice }),
    };
  }
  if (q.inStock !== undefined) filter['stock'] = q.inStock ? { $gt: 0 } : { $lte: 0 };
  for (const [name, raw] of Object.entries(q.attributes)) filter[`attributes.${name}`] = { $in: attributeValues(raw) };
  // Every word must start some word of the product (prefix: "lap" finds "laptop").
  if (words.length > 0) filter['$and'] = words.map((w) => ({ keywords: { $regex: `^${escapeRegex(w)}` } }));
  return filter as Filter<ProductDoc>;
}

/**
 * Documents by id, one `_id` equality per id. FerretDB 1.x pushes `_id` equality down to
 * PostgreSQL (an index lookup) but evaluates `$in` by scanning and decoding the whole
 * collection: measured 50x slower at 600 products, and under 100 concurrent checkouts
 * GetProducts took 13 s on average. A handful of indexed lookups in parallel is cheaper.
 */
async function byIdsPushedDown(col: ProductStore['products'], ids: readonly string[]): Promise<ProductDoc[]> {
  const docs = await Promise.all([...new Set(ids)].map((id) => col.findOne({ _id: id })));
  return docs.filter((d): d is NonNullable<typeof d> => d !== null);
}

export function createProductRepository(store: ProductStore, listingTtlMs = 0): ProductRepository {
  const col = store.products;
  const cache = createListingCache(listingTtlMs);
  const found = (d: ProductDoc | null) => (d ? productOf(d) : undefined);
  // Every write through this process clears the listing cache once it is done.
  const written = (d: ProductDoc | null) => (cache.clear(), found(d));

  async function ranked(filter: Filter<ProductDoc>, words: string[], q: ProductQuery) {
    const candidates = await col
      .find(filter, { projection: { _id: 1, name: 1, tags: 1 } })
      .limit(MAX_RANKED)
      .toArray();
    const order = candidates
      .map((c) => ({ id: c._id, score: relevance(words, c), name: c.name }))
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    const pageIds = order.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((o) => o.id);
    const docs = new Map((await byIdsPushedDown(col, pageIds)).map((d) => [d._id, d]));
    const items = pageIds.flatMap((id) => (docs.has(id) ? [productOf(docs.get(id)!)] : []));
    return { items, total: candidates.length };
  }

  async function listUncached(q: ProductQuery) {
    const words = q.search ? wordsOf(q.search).slice(0, 10) : [];
    const filter = filterOf(q, words);
    if (words.length > 0 && (q.sort === undefined || q.sort === 'relevance')) return ranked(filter, words, q);
    const sort = SORTS[q.sort === undefined || q.sort === 'relevance' ? 'newest' : q.sort];
    const [docs, total] = await Promise.all([
      col
        .find(filter)
        .sort(sort)
        .skip((q.page - 1) * q.pageSize)
        .limit(q.pageSize)
        .toArray(),
      col.countDocuments(filter),
    ]);
    return { items: docs.map(productOf), total };
  }

  return {
    async insert(product, events) {
      try {
        await col.insertOne({
          ...productDocOf(product),
          outbox: events.map(outboxEntryOf),
          outboxPending: events.length > 0,
        });
      } catch (err) {
        if (isDuplicateKey(err)) throw new AppError('CONFLICT', 'A product with this sku exists already');
        throw err;
      } finally {
        cache.clear();
      }
    },
    byId: async (id) => found(await col.findOne({ _id: id })),
    byIds: async (ids) => (await byIdsPushedDown(col, ids)).map(productOf),

    list: (q) => cache.get(q, () => listUncached(q)),

    async update(id, changes, eventsOf) {
      const doc = await writeWithEvents(col, id, { deleted: false }, (current) => {
        const set: Partial<ProductDoc> = { ...changes } as Partial<ProductDoc>;
        if (changes.name !== undefined || changes.description !== undefined || changes.tags !== undefined) {
          set.keywords = keywordsOf({
            name: changes.name ?? current.name,
            description: changes.description ?? current.description,
            tags: changes.tags ?? current.tags,
          });
        }
        // A whole new attribute map replaces the old one, so a removed attribute does not linger.
        return { set, events: eventsOf(productOf({ ...current, ...set }), productOf(current)) };
      });
      return written(doc ?? null);
    },
    async markDeleted(id, at, events) {
      const record = recording(events);
      const r = await col.updateOne(
        { _id: id, deleted: false },
        { $set: { deleted: true, deletedAt: at, updatedAt: at, ...record.$set }, $push: record.$push! },
      );
      cache.clear();
      return r.modifiedCount === 1;
    },
    ...createStockWrites(col, written),
    async setRating(id, sum, count) {
      await col.updateOne(
        { _id: id },
        { $set: { ratingSum: sum, ratingCount: count, ratingAverage: count === 0 ? 0 : sum / count } },
      );
      cache.clear();
    },
  };
}
