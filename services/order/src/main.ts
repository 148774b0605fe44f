import { tracing } from './instrument'; // keep first
import { randomUUID } from 'node:crypto';
import {
  createAuthenticator,
  createDaprClient,
  createProbeSubscription,
  runShopService,
  waitForSidecar,
} from '@shop/service-kit';
import { createOutboxRelay, openPostgres, publishThroughDapr } from '@shop/postgres';
import { loadOrderConfig } from './config';
import { createCartStoreBreaker, createDaprCartStore } from './data-access/cart-repository';
import { createHttpPaymentProvider } from './data-access/http-payment-client';
import { createOrderStore } from './data-access/order-repository';
import { reportPoolPressure } from './data-access/postgres-pool-pressure';
import { createProductClient } from './data-access/product-client';
import { createSimulatedPaymentProvider } from './data-access/simulated-payment-client';
import { createUserClient } from './data-access/user-client';
import { loadWebhookSecret } from './data-access/webhook-secret-client';
import type { OrderDeps } from './domain/ports';
import { createOrderChanges } from './domain/order-changes';
import { createProductCache } from './domain/product-cache';
import { createCatalogSubscriptions } from './entry-points/events/catalog-subscriptions';
import { startInventoryWatch } from './entry-points/events/inventory-watch';
import { mountOrderRoutes } from './entry-points/rest/routes';
import { checkoutMetrics } from './entry-points/events/checkout-metrics';
import { createCheckoutClient } from './checkout/client';
import { createSagaRecovery, createStalledSagaSweep } from './checkout/sweeps';
import { startWorkflowWorker } from './checkout/worker';

// The composition root: stores and clients in, handlers out. Resources stop in reverse order.
void runShopService({
  config: loadOrderConfig(),
  tracing,
  async build({ config, logger, metrics }) {
    const store = openPostgres(config.DATABASE_URL, config.SERVICE_NAME);
    reportPoolPressure(store.pool);
    await store.ping();
    // The workflow worker streams work items from the sidecar, so the sidecar must be up.
    await waitForSidecar(config.DAPR_HTTP_PORT, 60_000, config.HOST);
    const sidecar = { daprGrpcPort: config.DAPR_GRPC_PORT, host: config.HOST };
    const dapr = createDaprClient({ daprHost: config.HOST, daprGrpcPort: config.DAPR_GRPC_PORT, logger });
    const relay = createOutboxRelay({
      pool: store.pool,
      publish: publishThroughDapr(dapr),
      logger,
      registry: metrics.registry,
    });
    const observeCheckout = checkoutMetrics(metrics.registry);
    const orderChanges = createOrderChanges();
    const orders = createOrderStore(store.pool, {
      pubsubName: config.PUBSUB_NAME,
      onEventsCommitted: (change) => {
        relay.wake();
        observeCheckout(change);
        orderChanges.notify(change.after.id);
      },
    });
    const products = createProductClient({ appId: config.PRODUCT_APP_ID, ...sidecar });
    // The cart reads through a cache kept fresh by product's events; checkout reads `products`.
    const cartCatalog = createProductCache(products);
    const users = createUserClient({ appId: config.USER_APP_ID, ...sidecar });
    const payments =
      config.PAYMENT_PROVIDER === 'http'
        ? createHttpPaymentProvider({
            enabled: true,
            daprHttpPort: config.DAPR_HTTP_PORT,
            host: config.HOST,
            endpoint: config.PAYMENT_HTTP_ENDPOINT,
          })
        : createSimulatedPaymentProvider({ pool: store.pool, latencyMs: config.PAYMENT_SIMULATOR_LATENCY_MS });
    const checkout = createCheckoutClient({
      daprHost: config.HOST,
      daprGrpcPort: config.DAPR_GRPC_PORT,
      confirmationTimeoutSeconds: config.PAYMENT_CONFIRMATION_TIMEOUT_SECONDS,
      logger,
      pool: store.pool,
    });
    const recovery = createSagaRecovery({
      pool: store.pool,
      schedule: checkout.schedule,
      logger,
      metrics,
      intervalMs: config.SAGA_RECOVERY_INTERVAL_MS,
    });
    const stalled = createStalledSagaSweep({
      pool: store.pool,
      inspector: checkout,
      logger,
      metrics,
      stallSeconds: config.SAGA_STALL_SECONDS,
      confirmationTimeoutSeconds: config.PAYMENT_CONFIRMATION_TIMEOUT_SECONDS,
      intervalMs: config.SAGA_RECOVERY_INTERVAL_MS * 2,
    });
    const webhookSecret = await loadWebhookSecret(dapr, config.SECRET_STORE, config.PAYMENT_WEBHOOK_SECRET_NAME);
    const deps: OrderDeps = {
      orders,
      catalog: products,
      cartCatalog,
      addresses: users,
      carts: createDaprCartStore(
        dapr,
        config.CART_STORE,
        createCartStoreBreaker({
          registry: metrics.registry,
          onStateChange: (state) => logger.warn('cart store circuit breaker changed state', { state }),
        }),
      ),
      checkout,
      orderChanges,
      payments,
      logger,
      newId: randomUUID,
    };
    const workflows = await startWorkflowWorker({
      daprHost: config.HOST,
      daprGrpcPort: config.DAPR_GRPC_PORT,
      logger,
      maxConcurrentWorkItems: config.WORKFLOW_MAX_CONCURRENT_WORK_ITEMS,
      checkout: { orders, stock: products, payments, logger, reservationTtlSeconds: config.RESERVATION_TTL_SECONDS },
    });
    const auth = createAuthenticator({ logger, daprGrpcPort: config.DAPR_GRPC_PORT, daprHost: config.HOST });
    relay.start();
    recovery.start();
    stalled.start();
    const inventoryWatch = startInventoryWatch({
      cache: cartCatalog,
      appId: config.PRODUCT_APP_ID,
      ...sidecar,
      logger,
      registry: metrics.registry,
    });
    logger.info('payment provider selected', { provider: payments.name });
    return {
      // Stopped in reverse: inventory watch, relay, workflow worker, clients, then the pool.
      resources: [
        store,
        { name: 'dapr client', stop: () => dapr.stop() },
        products,
        users,
        checkout,
        auth,
        workflows,
        relay,
        recovery,
        stalled,
        inventoryWatch,
      ],
      checks: { postgres: () => store.ping() },
      appCallback: {
        subscriptions: [
          createProbeSubscription(logger),
          auth.revocations,
          ...createCatalogSubscriptions(cartCatalog, config.PUBSUB_NAME, logger),
        ],
        dedupe: store.dedupe,
      },
      routes: (app) => mountOrderRoutes(app, deps, auth, { secret: webhookSecret }),
      // Cart and order bodies are tiny; anything near this is abuse.
      bodyLimit: '16kb',
    };
  },
});
