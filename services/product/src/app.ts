import { randomUUID } from 'node:crypto';
import type { Express } from 'express';
import type { Authenticator, GrpcServiceRegistration, Logger } from '@shop/service-kit';
import { withCachedCategories } from './data-access/category-cache';
import { createCatalogReadModel, withReadModel, type CatalogReadModel } from './data-access/catalog-cache';
import { createCategoryRepository } from './data-access/category-repository';
import { createOutboxStore } from './data-access/outbox-repository';
import type { ProductStore } from './data-access/mongodb';
import { createProductRepository } from './data-access/product-repository';
import { createReservationRepository } from './data-access/reservation-repository';
import { createReviewRepository } from './data-access/review-repository';
import { createCategoryUseCases } from './domain/use-cases/categories';
import { createEventRelay, type EventRelayDeps } from './domain/event-relay';
import { createInventoryUseCases } from './domain/use-cases/inventory';
import { createInventoryFeed } from './domain/inventory-feed';
import { createKeyedMutex } from '@shop/service-kit/keyed-mutex';
import type { Clock, EventPublisher } from './domain/ports';
import { createProductUseCases } from './domain/use-cases/products';
import { createReviewUseCases } from './domain/use-cases/reviews';
import { createProductGrpcService } from './entry-points/grpc/product-grpc-service';
import { categoryRoutes } from './entry-points/rest/categories-routes';
import { productRoutes } from './entry-points/rest/products-routes';
import { reviewRoutes } from './entry-points/rest/reviews-routes';

export interface ProductAppOptions {
  readonly store: ProductStore;
  readonly auth: Authenticator;
  /** Used by the outbox relay only; a rejected publish is retried (domain/event-relay.ts). */
  readonly events: EventPublisher;
  readonly logger: Logger;
  /** Timeouts and backoff of the relay (tests shorten them). */
  readonly relay?: Pick<EventRelayDeps, 'publishTimeoutMs' | 'backoffBaseMs' | 'backoffMaxMs'>;
  readonly lowStockThreshold: number;
  readonly reservationTtlSeconds: number;
  /** How long a listing page may be served from memory (0 = never); see data-access/listing-cache.ts. */
  readonly listingCacheMs?: number;
  /**
   * Serve product pages and listings from an in-memory read model, fully reloaded this often
   * (the bound on how long another replica's missed change can stay unseen); 0 or absent: off.
   */
  readonly readModelRefreshMs?: number;
  readonly clock?: Clock;
}

/** Wires use cases to their stores and entry points; main.ts and the tests share it. */
export function createProductApp(options: ProductAppOptions) {
  const { store, auth, events, logger } = options;
  const clock = options.clock ?? { now: () => new Date() };
  const ids = { newId: () => randomUUID() };
  // One mutex for products and orders: keys are prefixed (`product:`, `order:`), so they never collide.
  const mutex = createKeyedMutex();
  const feed = createInventoryFeed();
  const stored = createProductRepository(store, options.listingCacheMs ?? 0);
  const refreshMs = options.readModelRefreshMs ?? 0;
  const readModel: CatalogReadModel | undefined =
    refreshMs > 0 ? createCatalogReadModel(store, stored, { refreshMs, logger }) : undefined;
  // Every write (reservations included) goes to the store first, then into the read model.
  const products = readModel ? withReadModel(stored, readModel) : stored;
  const categories =
    refreshMs > 0 ? withCachedCategories(createCategoryRepository(store), refreshMs) : createCategoryRepository(store);
  const outbox = createEventRelay({
    ...options.relay,
    outbox: createOutboxStore(store),
    publisher: events,
    mutex,
    logger,
  });

  const catalog = createProductUseCases({
    products,
    categories,
    outbox,
    clock,
    ids,
    mutex,
    ...(readModel ? { reads: readModel } : {}),
  });
  const categoryUseCases = createCategoryUseCases({ categories, clock, ids });
  const inventory = createInventoryUseCases({
    products,
    reservations: createReservationRepository(store),
    outbox,
    feed,
    clock,
    mutex,
    lowStockThreshold: options.lowStockThreshold,
    reservationTtlSeconds: options.reservationTtlSeconds,
  });
  const reviews = createReviewUseCases({ reviews: createReviewRepository(store), products, clock, ids, mutex });

  const grpcService: GrpcServiceRegistration = createProductGrpcService({ products, inventory, feed });
  return {
    catalog,
    categories: categoryUseCases,
    inventory,
    reviews,
    feed,
    mutex,
    /** Stopped by main.ts (and the tests); catalog events from other replicas reload from it. */
    readModel,
    /** Started as a loop by main.ts (entry-points/jobs/outbox-relay.ts). */
    outbox,
    grpcService,
    routes(app: Express) {
      app.use('/v1/products', productRoutes({ products: catalog, inventory, auth }));
      app.use('/v1/products', reviewRoutes({ reviews, auth }));
      app.use('/v1/categories', categoryRoutes({ categories: categoryUseCases, auth }));
    },
  };
}
