import type { Express } from 'express';
import type { Authenticator } from '@shop/service-kit';
import type { CategoryDeps } from '../../domain/use-cases/categories';
import type { InventoryDeps } from '../../domain/use-cases/inventory';
import type { ProductDeps } from '../../domain/use-cases/products';
import type { ReviewDeps } from '../../domain/use-cases/reviews';
import { categoryRoutes } from './categories-routes';
import type { Representations } from './http-cache';
import { productRoutes } from './products-routes';
import { reviewRoutes } from './reviews-routes';

export interface ProductRestDeps {
  readonly products: ProductDeps;
  readonly categories: CategoryDeps;
  readonly inventory: InventoryDeps;
  readonly reviews: ReviewDeps;
}

/** The product service's REST surface: /v1/products (with its reviews) and /v1/categories. */
export function mountProductRoutes(
  app: Express,
  deps: ProductRestDeps,
  auth: Authenticator,
  representations?: Representations,
): void {
  const shared = representations ? { representations } : {};
  app.use('/v1/products', productRoutes({ products: deps.products, inventory: deps.inventory, auth, ...shared }));
  app.use('/v1/products', reviewRoutes({ reviews: deps.reviews, auth }));
  app.use('/v1/categories', categoryRoutes({ categories: deps.categories, auth }));
}
