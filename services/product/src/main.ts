import { tracing } from './instrument'; // keep first
import {
  createAuthenticator,
  createDaprClient,
  createProbeSubscription,
  runShopService,
  waitForSidecar,
} from '@shop/service-kit';
import { createProductApp } from './app';
import { loadProductConfig } from './config';
import { createDaprEventPublisher } from './data-access/event-publisher';
import { openProductStore } from './data-access/mongodb';
import { catalogChangeSubscriptions } from './entry-points/events/catalog-changes';
import { startOutboxRelay } from './entry-points/jobs/outbox-relay';
import { startReservationExpiry } from './entry-points/jobs/reservation-expiry';

void runShopService({
  config: loadProductConfig(),
  tracing,
  async build({ config, logger }) {
    const store = await openProductStore(config.MONGODB_URL);
    await waitForSidecar(config.DAPR_HTTP_PORT, 30_000, config.HOST);
    const dapr = createDaprClient({ daprHost: config.HOST, daprGrpcPort: config.DAPR_GRPC_PORT, logger });
    const auth = createAuthenticator({ logger, daprGrpcPort: config.DAPR_GRPC_PORT, daprHost: config.HOST });
    const app = createProductApp({
      store,
      auth,
      events: createDaprEventPublisher(dapr, config.PUBSUB_NAME),
      logger,
      lowStockThreshold: config.LOW_STOCK_THRESHOLD,
      reservationTtlSeconds: config.RESERVATION_TTL_SECONDS,
      listingCacheMs: config.LISTING_CACHE_MS,
      readModelRefreshMs: config.READ_MODEL_REFRESH_MS,
    });
    const catalogChanges = app.readModel ? catalogChangeSubscriptions(config.PUBSUB_NAME, app.readModel) : [];
    const expiry = startReservationExpiry(app.inventory, logger, config.RESERVATION_SWEEP_MS);
    const relay = startOutboxRelay(app.outbox, logger);
    return {
      // Stopped in reverse: the relay and the sweep first, then auth and the Dapr client, the store last.
      resources: [
        store,
        { name: 'dapr-client', stop: () => dapr.stop() },
        auth,
        expiry,
        relay,
        ...(app.readModel ? [app.readModel] : []),
      ],
      checks: { mongodb: () => store.ping() },
      grpcServices: [app.grpcService],
      appCallback: {
        subscriptions: [createProbeSubscription(logger), auth.revocations, ...catalogChanges],
        dedupe: store.dedupe,
      },
      routes: app.routes,
    };
  },
});
