import { tracing } from './instrument'; // keep first
import { createHealthRouter, createLogger, createMetrics, listen, runService } from '@shop/service-kit';
import { loadShopDocument } from '@shop/api';
import { routes } from '@shop/topology';
import { loadGatewayConfigOrExit } from './config';
import { createGatewayApp } from './entry-points/app';
import { answerExpectContinue } from './entry-points/body-limit';
import { createLoadShedder } from './entry-points/load-shedding';
import { createResponseCache } from './entry-points/response-cache';
import { resolveRoutes } from './entry-points/routes';

const config = loadGatewayConfigOrExit();
const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL);
const metrics = createMetrics(config.SERVICE_NAME);
// Ready means the gateway's own sidecar can serve outbound calls. Upstreams are not
// checked: one service down must not take the whole entry point out of rotation.
const health = createHealthRouter({ daprHttpPort: config.DAPR_HTTP_PORT });

void runService({
  logger,
  health,
  shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  async start() {
    // No waitForSidecar: the gateway makes no Dapr call yet, and daprd (app-protocol http)
    // probes the gateway's /healthz, so serving first avoids each waiting on the other.
    const shedder = createLoadShedder({
      maxLagMs: config.SHED_EVENT_LOOP_LAG_MS,
      retryAfterSeconds: config.SHED_RETRY_AFTER_SECONDS,
    });
    const gateway = createGatewayApp({
      shedder,
      ...(config.RESPONSE_CACHE_ENTRIES > 0
        ? { cache: createResponseCache({ maxEntries: config.RESPONSE_CACHE_ENTRIES }) }
        : {}),
      upstreamMaxInFlight: config.UPSTREAM_MAX_IN_FLIGHT,
      upstreamMaxSockets: config.UPSTREAM_MAX_SOCKETS,
      logger,
      metrics,
      health,
      routes: resolveRoutes(routes, {
        auth: config.AUTH_URL,
        user: config.USER_URL,
        product: config.PRODUCT_URL,
        order: config.ORDER_URL,
      }),
      corsOrigins: config.CORS_ORIGINS,
      bodyLimitBytes: config.BODY_LIMIT,
      proxyTimeoutMs: config.PROXY_TIMEOUT_MS,
      trustProxyHops: config.TRUST_PROXY_HOPS,
      openApiDocument: loadShopDocument(),
    });
    const rest = await listen(gateway.handler, config.HOST, config.REST_PORT);
    answerExpectContinue(rest.server, gateway.app, config.BODY_LIMIT);
    logger.info('routing', { routes: routes.map((r) => `${r.prefix} -> ${r.app}`) });
    // Stopped in reverse: the server drains, then upstream connections close, then traces flush.
    return [
      { name: 'tracing', stop: () => tracing.shutdown() },
      { name: 'upstream connections', stop: async () => gateway.close() },
      shedder,
      rest,
    ];
  },
});
