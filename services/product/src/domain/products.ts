import { AppError } from '@shop/service-kit';
import { checkAttributes, descendantsOf } from './category';
import { priceChanged, productCreated, productDeleted, productUpdated } from './catalog-events';
import type { CategoryRepository, Clock, EventPublisher, IdGenerator, ProductRepository } from './ports';
import type { Page, Product, ProductChanges, ProductDraft, ProductQuery } from './product';

export interface ProductDeps {
  readonly products: ProductRepository;
  readonly categories: CategoryRepository;
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly ids: IdGenerator;
}

export function createProductUseCases(deps: ProductDeps) {
  const { products, categories, events, clock, ids } = deps;

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
    get: visible,

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
      const { items, total } = await products.list({ ...rest, ...(categoryIds ? { categoryIds } : {}) });
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
      await products.insert(product);
      await events.publish(productCreated(product));
      return product;
    },

    async update(id: string, changes: ProductChanges): Promise<Product> {
      const before = await visible(id);
      // Attributes are checked against the category the product will be in afterwards.
      if (changes.categoryId !== undefined || changes.attributes !== undefined) {
        const category = await categoryFor(changes.categoryId ?? before.categoryId);
        checkAttributes(category, changes.attributes ?? before.attributes);
      }
      const after = await products.update(id, { ...changes, updatedAt: clock.now() });
      if (!after) throw new AppError('NOT_FOUND', 'No such product');
      await events.publish(productUpdated(after));
      if (after.price !== before.price) await events.publish(priceChanged(before, after));
      return after;
    },

    /** Soft delete: gone from listings and reads, while orders keep their own snapshot. */
    async remove(id: string): Promise<void> {
      const product = await visible(id);
      const at = clock.now();
      if (await products.markDeleted(id, at)) await events.publish(productDeleted(product, at));
    },
  };
}

export type ProductUseCases = ReturnType<typeof createProductUseCases>;
