import { AppError } from '@shop/service-kit/errors';
import { checkAttributes, descendantsOf } from '../category';
import { priceChanged, productCreated, productDeleted, productUpdated } from '../catalog-events';
import type { KeyedMutex } from '@shop/service-kit/keyed-mutex';
import type {
  CatalogReads,
  CategoryRepository,
  Clock,
  EventFlusher,
  EventsOf,
  IdGenerator,
  ProductRepository,
} from '../ports';
import type { Page, Product, ProductChanges, ProductDraft, ProductQuery } from '../product';

export interface ProductDeps {
  readonly products: ProductRepository;
  readonly categories: CategoryRepository;
  /** Publishes the events a write recorded in its document (the outbox), right after it. */
  readonly outbox: EventFlusher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  /**
   * FerretDB rewrites the whole document on every update, so a price change racing a stock
   * change could put the old stock back: every write to a product holds its lock.
   */
  readonly mutex: KeyedMutex;
  /** Where shoppers' reads go (the in-memory read model); the repository when absent. */
  readonly reads?: CatalogReads;
}

// `before` is the document the write replaced, read under the product's lock.
const catalogEvents: EventsOf = (after, before) =>
  after.price === before.price ? [productUpdated(after)] : [productUpdated(after), priceChanged(before, after)];

const locked = <T>(deps: ProductDeps, id: string, work: () => Promise<T>) => deps.mutex.run([`product:${id}`], work);

async function categoryFor(deps: ProductDeps, categoryId: string) {
  const category = await deps.categories.byId(categoryId);
  if (!category) {
    throw new AppError('VALIDATION_FAILED', 'The category does not exist', {
      errors: [{ path: 'categoryId', message: 'unknown category' }],
    });
  }
  return category;
}

async function visible(deps: ProductDeps, id: string): Promise<Product> {
  const product = await deps.products.byId(id);
  if (!product || product.deleted) throw new AppError('NOT_FOUND', 'No such product');
  return product;
}

/** A product page: from the read model; writes below re-read the store. */
export async function getProduct(deps: ProductDeps, id: string): Promise<Product> {
  const product = await (deps.reads ?? deps.products).byId(id);
  if (!product || product.deleted) throw new AppError('NOT_FOUND', 'No such product');
  return product;
}

/**
 * A product page the read model holds right now, for an answer that cannot wait (the REST fast
 * lane); undefined means "take the full path" (not held yet, no read model, or deleted).
 */
export function heldProduct(deps: ProductDeps, id: string): Product | undefined {
  const product = deps.reads?.held?.(id);
  return product && !product.deleted ? product : undefined;
}

export async function listProducts(
  deps: ProductDeps,
  query: Omit<ProductQuery, 'categoryIds'> & { category?: string },
): Promise<Page<Product>> {
  let categoryIds: string[] | undefined;
  if (query.category !== undefined) {
    const all = await deps.categories.all();
    // Accept the id or the slug: links in a shop are usually slugs.
    const root = all.find((c) => c.id === query.category || c.slug === query.category);
    if (!root) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    categoryIds = descendantsOf(root.id, all);
  }
  const { category: _ignored, ...rest } = query;
  const { items, total } = await (deps.reads ?? deps.products).list({
    ...rest,
    ...(categoryIds ? { categoryIds } : {}),
  });
  return { items, total, page: query.page, pageSize: query.pageSize };
}

export async function createProduct(deps: ProductDeps, draft: ProductDraft): Promise<Product> {
  checkAttributes(await categoryFor(deps, draft.categoryId), draft.attributes);
  const now = deps.clock.now();
  const product: Product = {
    ...draft,
    id: deps.ids.newId(),
    stockVersion: 0,
    rating: { average: 0, count: 0 },
    deleted: false,
    createdAt: now,
    updatedAt: now,
  };
  await deps.products.insert(product, [productCreated(product)]);
  await deps.outbox.flush([product.id]);
  return product;
}

export async function updateProduct(deps: ProductDeps, id: string, changes: ProductChanges): Promise<Product> {
  const before = await visible(deps, id);
  // Attributes are checked against the category the product will be in afterwards.
  if (changes.categoryId !== undefined || changes.attributes !== undefined) {
    const category = await categoryFor(deps, changes.categoryId ?? before.categoryId);
    checkAttributes(category, changes.attributes ?? before.attributes);
  }
  const after = await locked(deps, id, () =>
    deps.products.update(id, { ...changes, updatedAt: deps.clock.now() }, catalogEvents),
  );
  if (!after) throw new AppError('NOT_FOUND', 'No such product');
  await deps.outbox.flush([id]);
  return after;
}

/** Soft delete: gone from listings and reads, while orders keep their own snapshot. */
export async function removeProduct(deps: ProductDeps, id: string): Promise<void> {
  const product = await visible(deps, id);
  const at = deps.clock.now();
  if (await locked(deps, id, () => deps.products.markDeleted(id, at, [productDeleted(product, at)])))
    await deps.outbox.flush([id]);
}
