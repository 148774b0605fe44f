import { AppError } from '@shop/service-kit';
import type { CategoryRepository } from '../domain/ports';
import { categoryOf, type CategoryDoc } from './catalog-records';
import { isDuplicateKey, type ProductStore } from './mongodb';

export function createCategoryRepository(store: ProductStore): CategoryRepository {
  const col = store.categories;
  const conflict = (err: unknown) =>
    isDuplicateKey(err) ? new AppError('CONFLICT', 'A category with this slug exists already') : err;
  return {
    // Categories are few (tens to hundreds); the tree is always read whole.
    all: async () => (await col.find({}).sort({ name: 1 }).toArray()).map(categoryOf),
    async byId(id) {
      const d = await col.findOne({ _id: id });
      return d ? categoryOf(d) : undefined;
    },
    async insert(c) {
      const doc: CategoryDoc = {
        _id: c.id,
        name: c.name,
        slug: c.slug,
        parentId: c.parentId,
        attributes: [...c.attributes],
        createdAt: c.createdAt,
        updatedAt: c.updatedAt,
      };
      try {
        await col.insertOne(doc);
      } catch (err) {
        throw conflict(err);
      }
    },
    async update(id, changes) {
      const { attributes, ...rest } = changes;
      try {
        const d = await col.findOneAndUpdate(
          { _id: id },
          { $set: { ...rest, ...(attributes ? { attributes: [...attributes] } : {}) } },
          { returnDocument: 'after' },
        );
        return d ? categoryOf(d) : undefined;
      } catch (err) {
        throw conflict(err);
      }
    },
  };
}
