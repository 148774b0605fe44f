import { AppError } from '@shop/service-kit/errors';
import type { KeyedMutex } from '@shop/service-kit/keyed-mutex';
import type { Clock, IdGenerator, ProductRepository, ReviewRepository } from '../ports';
import type { Page } from '../product';
import type { Review } from '../review';

export interface ReviewDeps {
  readonly reviews: ReviewRepository;
  readonly products: ProductRepository;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly mutex: KeyedMutex;
}

export interface Author {
  readonly userId: string;
  readonly isAdmin: boolean;
}

async function requireProduct(deps: ReviewDeps, productId: string): Promise<void> {
  const product = await deps.products.byId(productId);
  if (!product || product.deleted) throw new AppError('NOT_FOUND', 'No such product');
}

/**
 * The rating is recounted from the reviews, not $inc'ed: FerretDB can lose one of two
 * concurrent increments. Recounting under the product's lock means the last recount runs
 * after the last review write, so the stored figure ends exact; the same lock keeps the
 * rating write from putting back a stale stock (FerretDB rewrites the whole document).
 */
async function recount(deps: ReviewDeps, productId: string): Promise<void> {
  await deps.mutex.run([`product:${productId}`], async () => {
    const { sum, count } = await deps.reviews.totals(productId);
    await deps.products.setRating(productId, sum, count);
  });
}

export async function listReviews(
  deps: ReviewDeps,
  productId: string,
  page: number,
  pageSize: number,
): Promise<Page<Review>> {
  await requireProduct(deps, productId);
  const { items, total } = await deps.reviews.list(productId, page, pageSize);
  return { items, total, page, pageSize };
}

export async function addReview(
  deps: ReviewDeps,
  productId: string,
  author: Author,
  input: { rating: number; title?: string; body?: string },
): Promise<Review> {
  await requireProduct(deps, productId);
  const review: Review = {
    id: deps.ids.newId(),
    productId,
    userId: author.userId,
    ...input,
    createdAt: deps.clock.now(),
  };
  await deps.reviews.insert(review); // unique (productId, userId): a second review is a 409
  await recount(deps, productId);
  return review;
}

export async function removeReview(
  deps: ReviewDeps,
  productId: string,
  reviewId: string,
  caller: Author,
): Promise<void> {
  const review = await deps.reviews.byId(productId, reviewId);
  if (!review) throw new AppError('NOT_FOUND', 'No such review');
  // Another user's review is "forbidden", not "not found": reviews are public anyway.
  if (review.userId !== caller.userId && !caller.isAdmin)
    throw new AppError('FORBIDDEN', 'Only the author or an admin may delete a review');
  if (await deps.reviews.delete(productId, reviewId)) await recount(deps, productId);
}
