import { tracing } from './instrument'; // keep first
import { randomUUID } from 'node:crypto';
import {
  createAuthenticator,
  createDaprClient,
  createProbeSubscription,
  runShopService,
  waitForSidecar,
} from '@shop/service-kit';
import { createKeyedMutex } from '@shop/service-kit/keyed-mutex';
import { loadProductConfig } from './config';
import { createCatalogReadModel, withReadModel } from './data-access/catalog-cache';
import { withCachedCategories } from './data-access/category-cache';
import { createCategoryRepository } from './data-access/category-repository';
import { createDaprEventPublisher } from './data-access/event-publisher';
import { openProductStore } from './data-access/mongodb';
import { createOutboxStore } from './data-access/outbox-repository';
import { createProductRepository } from './data-access/product-repository';
import { createReservationRepository } from './data-access/reservation-repository';
import { createReviewRepository } from './data-access/review-repository';
import { createEventRelay } from './domain/event-relay';
import { createInventoryFeed } from './domain/inventory-feed';
import { createLimiter } from './domain/limiter';
import { createStockTaker } from './domain/stock-taker';
import type { InventoryDeps } from './domain/use-cases/inventory';
import type { ProductDeps } from './domain/use-cases/products';
import { catalogChangeSubscriptions } from './entry-points/events/catalog-changes';
import { createProductGrpcService } from './entry-points/grpc/product-grpc-service';
import { startOutboxRelay } from './entry-points/jobs/outbox-relay';
import { startReservationExpiry } from './entry-points/jobs/reservation-expiry';
import { productFastLane } from './entry-points/rest/http-fast-lane';
import { createRepresentationCache } from './entry-points/rest/http-cache';
import { mountProductRoutes } from './entry-points/rest/routes';

// The composition root: the store and clients in, handlers out (test/support/harness.ts wires
// the same parts). Resources stop in reverse order.
void runShopService({
  config: loadProductConfig(),
  tracing,
  async build({ config, logger, metrics }) {
    const store = await openProductStore(config.MONGODB_URL);
    await waitForSidecar(config.DAPR_HTTP_PORT, 30_000, config.HOST);
    const dapr = createDaprClient({ daprHost: config.HOST, daprGrpcPort: config.DAPR_GRPC_PORT, logger });
    const auth = createAuthenticator({ logger, daprGrpcPort: config.DAPR_GRPC_PORT, daprHost: config.HOST });
    const clock = { now: () => new Date() };
    const ids = { newId: () => randomUUID() };
    // One mutex for products and orders: keys are prefixed (`product:`, `order:`), so they never collide.
    const mutex = createKeyedMutex();
    const feed = createInventoryFeed();
    const refreshMs = config.READ_MODEL_REFRESH_MS;
    const stored = createProductRepository(store, config.LISTING_CACHE_MS);
    const readModel = refreshMs > 0 ? createCatalogReadModel(store, stored, { refreshMs, logger }) : undefined;
    // Every write (reservations included) goes to the store first, then into the read model.
    const products = readModel ? withReadModel(stored, readModel) : stored;
    const categories =
      refreshMs > 0
        ? withCachedCategories(createCategoryRepository(store), refreshMs)
        : createCategoryRepository(store);
    const outbox = createEventRelay({
      outbox: createOutboxStore(store),
      publisher: createDaprEventPublisher(dapr, config.PUBSUB_NAME),
      mutex,
      logger,
    });
    const catalog: ProductDeps = {
      products,
      categories,
      outbox,
      clock,
      ids,
      mutex,
      ...(readModel ? { reads: readModel } : {}),
    };
    const inventory: InventoryDeps = {
      products,
      reservations: createReservationRepository(store),
      outbox,
      feed,
      clock,
      mutex,
      lowStockThreshold: config.LOW_STOCK_THRESHOLD,
      reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
      taker: createStockTaker(products, mutex),
      // Enough in flight for the taker to batch, few enough to bound FerretDB's connections.
      reserving: createLimiter(16),
    };
    const useCases = {
      products: catalog,
      categories: { categories, clock, ids },
      inventory,
      reviews: { reviews: createReviewRepository(store), products, clock, ids, mutex },
    };
    // One rendering per product version for the routes and the fast lane alike.
    const representations = createRepresentationCache();
    const expiry = startReservationExpiry(inventory, logger, config.RESERVATION_SWEEP_MS, metrics);
    const relay = startOutboxRelay(outbox, logger, undefined, store.pruneClaims, metrics);
    return {
      // Stopped in reverse: the relay and the sweep first, then auth and the Dapr client, the store last.
      resources: [
        store,
        { name: 'dapr-client', stop: () => dapr.stop() },
        auth,
        expiry,
        relay,
        ...(readModel ? [readModel] : []),
      ],
      checks: { mongodb: () => store.ping() },
      grpcServices: [createProductGrpcService({ products, inventory, feed })],
      appCallback: {
        subscriptions: [
          createProbeSubscription(logger),
          auth.revocations,
          ...(readModel ? catalogChangeSubscriptions(config.PUBSUB_NAME, readModel) : []),
        ],
        dedupe: store.dedupe,
      },
      routes: (app) => mountProductRoutes(app, useCases, auth, representations),
      fastLane: productFastLane(catalog, representations),
    };
  },
});
