import { AppError } from '@shop/service-kit';
import type { ReviewRepository } from '../domain/ports';
import { reviewOf } from './catalog-records';
import { isDuplicateKey, type ProductStore } from './mongodb';

export function createReviewRepository(store: ProductStore): ReviewRepository {
  const col = store.reviews;
  return {
    async insert(r) {
      const { id, ...rest } = r;
      try {
        await col.insertOne({ _id: id, ...rest });
      } catch (err) {
        if (isDuplicateKey(err)) throw new AppError('CONFLICT', 'You have already reviewed this product');
        throw err;
      }
    },
    async byId(productId, reviewId) {
      const d = await col.findOne({ _id: reviewId, productId });
      return d ? reviewOf(d) : undefined;
    },
    async list(productId, page, pageSize) {
      const [docs, total] = await Promise.all([
        col
          .find({ productId })
          .sort({ createdAt: -1, _id: 1 })
          .skip((page - 1) * pageSize)
          .limit(pageSize)
          .toArray(),
        col.countDocuments({ productId }),
      ]);
      return { items: docs.map(reviewOf), total };
    },
    async delete(productId, reviewId) {
      return (await col.deleteOne({ _id: reviewId, productId })).deletedCount === 1;
    },
    async totals(productId) {
      const ratings = await col.find({ productId }, { projection: { rating: 1 } }).toArray();
      return { sum: ratings.reduce((s, r) => s + r.rating, 0), count: ratings.length };
    },
  };
}
