import { AppError } from '@shop/service-kit';
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

export function createProductUseCases(deps: ProductDeps) {
  const { products, categories, outbox, clock, ids, mutex } = deps;
  const reads = deps.reads ?? products;
  const locked = <T>(id: string, work: () => Promise<T>) => mutex.run([`product:${id}`], work);

  async function categoryFor(categoryId: string) {
    const category = await categories.byId(categoryId);
    if (!category) {
      throw new AppError('VALIDATION_FAILED', 'The category does not exist', {
        errors: [{ path: 'categoryId', message: 'unknown category' }],
      });
    }
    return category;
  }

  async function visible(id: string): Promise<Product> {
    const product = await products.byId(id);
    if (!product || product.deleted) throw new AppError('NOT_FOUND', 'No such product');
    return product;
  }

  return {
    /** A product page: from the read model; writes below re-read the store. */
    async get(id: string): Promise<Product> {
      const product = await reads.byId(id);
      if (!product || product.deleted) throw new AppError('NOT_FOUND', 'No such product');
      return product;
    },

    async list(query: Omit<ProductQuery, 'categoryIds'> & { category?: string }): Promise<Page<Product>> {
      let categoryIds: string[] | undefined;
      if (query.category !== undefined) {
        const all = await categories.all();
        // Accept the id or the slug: links in a shop are usually slugs.
        const root = all.find((c) => c.id === query.category || c.slug === query.category);
        if (!root) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
        categoryIds = descendantsOf(root.id, all);
      }
      const { category: _ignored, ...rest } = query;
      const { items, total } = await reads.list({ ...rest, ...(categoryIds ? { categoryIds } : {}) });
      return { items, total, page: query.page, pageSize: query.pageSize };
    },

    async create(draft: ProductDraft): Promise<Product> {
      checkAttributes(await categoryFor(draft.categoryId), draft.attributes);
      const now = clock.now();
      const product: Product = {
        ...draft,
        id: ids.newId(),
        stockVersion: 0,
        rating: { average: 0, count: 0 },
        deleted: false,
        createdAt: now,
        updatedAt: now,
      };
      await products.insert(product, [productCreated(product)]);
      await outbox.flush([product.id]);
      return product;
    },

    async update(id: string, changes: ProductChanges): Promise<Product> {
      const before = await visible(id);
      // Attributes are checked against the category the product will be in afterwards.
      if (changes.categoryId !== undefined || changes.attributes !== undefined) {
        const category = await categoryFor(changes.categoryId ?? before.categoryId);
        checkAttributes(category, changes.attributes ?? before.attributes);
      }
      const after = await locked(id, () => products.update(id, { ...changes, updatedAt: clock.now() }, catalogEvents));
      if (!after) throw new AppError('NOT_FOUND', 'No such product');
      await outbox.flush([id]);
      return after;
    },

    /** Soft delete: gone from listings and reads, while orders keep their own snapshot. */
    async remove(id: string): Promise<void> {
      const product = await visible(id);
      const at = clock.now();
      if (await locked(id, () => products.markDeleted(id, at, [productDeleted(product, at)]))) await outbox.flush([id]);
    },
  };
}

export type ProductUseCases = ReturnType<typeof createProductUseCases>;
