import { MongoClient, type Collection, type Db } from 'mongodb';
import { createMongoDedupe, pruneMongoClaims, type EventDedupe, type Stoppable } from '@shop/service-kit';
import type { CategoryDoc, ProductDoc, ReservationDoc, ReviewDoc } from './catalog-records';

export interface ProductStore extends Stoppable {
  readonly db: Db;
  readonly dedupe: EventDedupe;
  /** Drops the event claims past their retention (7 days). */
  pruneClaims(): Promise<void>;
  readonly products: Collection<ProductDoc>;
  readonly categories: Collection<CategoryDoc>;
  readonly reservations: Collection<ReservationDoc>;
  readonly reviews: Collection<ReviewDoc>;
  ping(): Promise<void>;
}

/**
 * Every index the queries need, created at start-up (createIndex is idempotent). The unique
 * ones carry invariants: one sku, one slug, one review per user and product. FerretDB 1.x
 * keeps them as PostgreSQL indexes; equality and range filters on them are pushed down.
 */
async function ensureIndexes(
  store: Omit<ProductStore, 'name' | 'stop' | 'ping' | 'dedupe' | 'pruneClaims'>,
): Promise<void> {
  await Promise.all([
    store.products.createIndex({ sku: 1 }, { unique: true, name: 'sku_unique' }),
    store.products.createIndex({ deleted: 1, categoryId: 1, price: 1 }, { name: 'category_price' }),
    store.products.createIndex({ deleted: 1, price: 1 }, { name: 'price' }),
    store.products.createIndex({ deleted: 1, createdAt: -1 }, { name: 'newest' }),
    store.products.createIndex({ deleted: 1, ratingAverage: -1 }, { name: 'rating' }),
    store.products.createIndex({ deleted: 1, name: 1 }, { name: 'name' }),
    store.products.createIndex({ keywords: 1 }, { name: 'keywords' }),
    store.products.createIndex({ outboxPending: 1 }, { name: 'outbox_pending' }),
    store.categories.createIndex({ slug: 1 }, { unique: true, name: 'slug_unique' }),
    store.categories.createIndex({ parentId: 1 }, { name: 'parent' }),
    store.reviews.createIndex({ productId: 1, userId: 1 }, { unique: true, name: 'one_review_per_user' }),
    store.reviews.createIndex({ productId: 1, createdAt: -1 }, { name: 'product_reviews' }),
    store.reservations.createIndex({ status: 1, expiresAt: 1 }, { name: 'expiry' }),
  ]);
}

/** The longest the store may stay silent on a connection while an operation waits. */
export const SOCKET_TIMEOUT_MS = 4_000;

/** Opens the catalog database; the database name comes from the URL's path. */
export async function openProductStore(
  url: string,
  { socketTimeoutMs = SOCKET_TIMEOUT_MS }: { socketTimeoutMs?: number } = {},
): Promise<ProductStore> {
  // Short server selection so /readyz turns red quickly when the store goes away, and bounds
  // on a new connection's handshake and on every read: with FerretDB hanging, a review waited
  // past the gateway's 30 s on the driver's default 30 s connect timeout (test/faults).
  // (The driver's timeoutMS, which would bound a whole operation, has no effect in 7.x.)
  const client = new MongoClient(url, {
    serverSelectionTimeoutMS: 2_000,
    connectTimeoutMS: 2_000,
    socketTimeoutMS: socketTimeoutMs,
    appName: 'product',
    maxPoolSize: 20,
  });
  await client.connect();
  const db = client.db();
  const collections = {
    db,
    products: db.collection<ProductDoc>('products'),
    categories: db.collection<CategoryDoc>('categories'),
    reservations: db.collection<ReservationDoc>('reservations'),
    reviews: db.collection<ReviewDoc>('reviews'),
  };
  try {
    await ensureIndexes(collections);
  } catch (err) {
    await client.close();
    throw err;
  }
  return {
    name: 'mongodb',
    ...collections,
    dedupe: createMongoDedupe(db.collection('processed_events')),
    pruneClaims: () => pruneMongoClaims(db.collection('processed_events')),
    async ping() {
      await db.command({ ping: 1 });
    },
    stop: () => client.close(),
  };
}

const DUPLICATE_KEY = 11000;
export const isDuplicateKey = (err: unknown): boolean => (err as { code?: unknown } | null)?.code === DUPLICATE_KEY;
