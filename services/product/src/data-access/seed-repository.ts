import type { Collection, OptionalUnlessRequiredId } from 'mongodb';
import type { Category } from '../domain/category';
import type { Product } from '../domain/product';
import type { Review } from '../domain/review';
import { productDocOf, type CategoryDoc, type ProductDoc } from './catalog-records';
import type { ProductStore } from './mongodb';

const BATCH = 200;

/**
 * insertMany, unordered, in batches: a record that exists already (same stable _id or a
 * unique key) fails alone with a duplicate-key error and is left as it is. Far faster on
 * FerretDB than upserts, which it runs as a read and a write per document.
 */
async function insertMissing<T extends { _id: string }>(col: Collection<T>, docs: T[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < docs.length; i += BATCH) {
    try {
      inserted += (await col.insertMany(docs.slice(i, i + BATCH) as OptionalUnlessRequiredId<T>[], { ordered: false }))
        .insertedCount;
    } catch (err) {
      const e = err as { code?: number; writeErrors?: { code?: number }[] | { code?: number }; insertedCount?: number };
      const writeErrors = Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : [];
      if (!writeErrors.every((w) => w.code === 11000) && e.code !== 11000) throw err;
      inserted += e.insertedCount ?? 0;
    }
  }
  return inserted;
}

/** Inserts what is missing (by stable id), then recounts the ratings from the reviews. */
export async function seedCatalog(
  store: ProductStore,
  catalog: { categories: Category[]; products: Product[]; reviews: Review[] },
) {
  const categories: CategoryDoc[] = catalog.categories.map(({ id, ...c }) => ({
    _id: id,
    ...c,
    attributes: [...c.attributes],
  }));
  const products: ProductDoc[] = catalog.products.map(productDocOf);
  const reviewDocs = catalog.reviews.map(({ id, ...r }) => ({ _id: id, ...r }));
  const categoriesInserted = await insertMissing(store.categories, categories);
  const productsInserted = await insertMissing(store.products, products);
  const reviewsInserted = await insertMissing(store.reviews, reviewDocs);

  // Ratings from the stored reviews (also those written by users since), never from the seed's list.
  const reviewed = [...new Set(catalog.reviews.map((r) => r.productId))];
  for (const productId of reviewed) {
    const ratings = await store.reviews.find({ productId }, { projection: { rating: 1 } }).toArray();
    const sum = ratings.reduce((s, r) => s + r.rating, 0);
    await store.products.updateOne(
      { _id: productId },
      {
        $set: { ratingSum: sum, ratingCount: ratings.length, ratingAverage: ratings.length ? sum / ratings.length : 0 },
      },
    );
  }
  return {
    categories: categories.length,
    categoriesInserted,
    products: products.length,
    productsInserted,
    reviews: reviewDocs.length,
    reviewsInserted,
  };
}
