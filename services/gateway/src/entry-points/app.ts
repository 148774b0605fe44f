import type { RequestListener } from 'node:http';
import express, { type Express } from 'express';
import {
  accessLogMiddleware,
  httpRequestRecorder,
  type Health,
  type Logger,
  type Metrics,
  metricsHandler,
  metricsMiddleware,
  notFoundHandler,
  problemHandler,
  publicApiHeaders,
  requestIdMiddleware,
  withFastLane,
} from '@shop/service-kit';
import { rejectDeclaredTooLarge } from './body-limit';
import { chain } from './chain';
import { corsMiddleware, type OriginPattern } from './cors';
import { docsRouter } from './docs';
import { createFastLane } from './fast-lane';
import type { LoadShedder } from './load-shedding';
import type { ResponseCache } from './response-cache';
import { proxyTo } from './proxy';
import { createRevalidator } from './revalidator';
import { type GatewayRoute, labelWithPrefix, rejectDotSegments } from './routes';
import { type TokenPrecheck, tokenPrecheckMiddleware } from './token-precheck';
import { createUpstream, type Upstream } from './upstream';

export interface GatewayAppOptions {
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly health: Health;
  readonly routes: readonly GatewayRoute[];
  readonly corsOrigins: readonly OriginPattern[];
  readonly bodyLimitBytes: number;
  readonly proxyTimeoutMs: number;
  /** Proxies in front of the gateway allowed to set X-Forwarded-* (0: none). */
  readonly trustProxyHops: number;
  /** See token-precheck.ts: unset until auth offers a cheap check. */
  readonly tokenPrecheck?: TokenPrecheck;
  /** Sheds excess load with 503 + Retry-After (see load-shedding.ts); none: never sheds. */
  readonly shedder?: LoadShedder;
  readonly upstreamMaxInFlight?: number;
  readonly upstreamMaxSockets?: number;
  /** A shared cache for answers the services mark public (the catalog); none: every request is forwarded. */
  readonly cache?: ResponseCache;
  /** Served at /v1/openapi.json, with the interactive docs at /docs; none: neither. */
  readonly openApiDocument?: object;
  /** Cache hits answered before Express (see fast-lane.ts); default on when there is a cache. */
  readonly fastLane?: boolean;
}

export interface GatewayApp {
  readonly app: Express;
  /** What the HTTP server runs: the cache's fast lane, then `app`. */
  readonly handler: RequestListener;
  /** Closes the kept-alive upstream connections; call after the server has drained. */
  close(): void;
}

/**
 * Not the kit's createRestApp: the gateway must not parse bodies (it streams them) nor
 * demand a JSON media type (the services decide what they accept), but it keeps the same
 * request id, access log, metrics, probes and problem+json errors, in the same order.
 */
export function createGatewayApp(options: GatewayAppOptions): GatewayApp {
  const { logger, metrics, health } = options;
  const upstreams = new Map<string, Upstream>();
  const upstreamFor = (route: GatewayRoute): Upstream => {
    const key = `${route.app} ${route.baseUrl}`;
    let upstream = upstreams.get(key);
    if (!upstream) {
      upstream = createUpstream(route.app, route.baseUrl, options.upstreamMaxSockets);
      upstreams.set(key, upstream);
    }
    return upstream;
  };

  if (options.cache) {
    const byPrefix = new Map(options.routes.map((r) => [r.prefix, r]));
    options.cache.revalidateWith(
      createRevalidator((prefix) => {
        const route = byPrefix.get(prefix);
        return route && upstreamFor(route);
      }, options.proxyTimeoutMs),
    );
  }

  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  // Exact-case prefixes keep metric labels bounded (see routes.ts); the API is lower-case.
  app.set('case sensitive routing', true);
  app.set('trust proxy', options.trustProxyHops);

  app.use(requestIdMiddleware());
  // Proxied answers keep the service's own Cache-Control; the gateway's own answers get no-store.
  app.use(publicApiHeaders());
  app.use(accessLogMiddleware(logger));
  app.use(metricsMiddleware(metrics));
  // After the log and metrics (shed requests are counted), before any work is spent on them.
  if (options.shedder) app.use(options.shedder.middleware);
  // Before everything else that answers, so browsers can also read the gateway's errors.
  app.use(corsMiddleware(options.corsOrigins));
  // The probes' router is walked only by what could be a probe: every API path starts /v1/.
  app.use((req, res, next) => (req.path.startsWith('/v1/') ? next() : health.router(req, res, next)));
  app.get('/metrics', metricsHandler(metrics));
  if (options.openApiDocument) {
    // Walked only by its own paths, not by every API request.
    const docs = docsRouter(options.openApiDocument);
    app.use((req, res, next) =>
      req.path === '/v1/openapi.json' || req.path === '/docs' || req.path.startsWith('/docs/')
        ? docs(req, res, next)
        : next(),
    );
  }

  for (const route of options.routes) {
    app.use(
      route.prefix,
      chain([
        labelWithPrefix(),
        rejectDotSegments(),
        rejectDeclaredTooLarge(options.bodyLimitBytes),
        tokenPrecheckMiddleware(options.tokenPrecheck),
        ...(options.cache ? [options.cache.middleware] : []),
        proxyTo({
          upstream: upstreamFor(route),
          bodyLimitBytes: options.bodyLimitBytes,
          timeoutMs: options.proxyTimeoutMs,
          logger,
          ...(options.shedder ? { shed: options.shedder.shed, maxInFlight: options.upstreamMaxInFlight ?? 0 } : {}),
          ...(options.cache ? { cache: options.cache } : {}),
        }),
      ]),
    );
  }

  app.use(notFoundHandler());
  app.use(problemHandler(logger));

  const handler =
    options.cache && options.fastLane !== false
      ? withFastLane(
          createFastLane({
            cache: options.cache,
            prefixes: options.routes.map((r) => r.prefix),
            logger,
            record: httpRequestRecorder(metrics),
          }),
          app,
        )
      : app;

  return {
    app,
    handler,
    close() {
      for (const upstream of upstreams.values()) upstream.close();
    },
  };
}
