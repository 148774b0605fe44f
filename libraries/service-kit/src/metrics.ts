import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type PubsubOutcome = 'processed' | 'duplicate' | 'invalid' | 'retry' | 'failed';

export interface Metrics {
  readonly registry: Registry;
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  // Label names follow go-grpc-prometheus; a plain `service` label would collide with the
  // registry's default `service` label that names the shop service.
  readonly grpcHandled: Counter<'grpc_service' | 'grpc_method' | 'grpc_type' | 'grpc_code'>;
  readonly grpcDuration: Histogram<'grpc_service' | 'grpc_method' | 'grpc_type'>;
  readonly pubsubEvents: Counter<'topic' | 'outcome'>;
}

/** One registry per service so tests (and several apps in one process) never share counters. */
export function createMetrics(service: string): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    httpRequests: new Counter({
      name: 'http_server_requests_total',
      help: 'HTTP requests handled, by route pattern and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'http_server_request_duration_seconds',
      help: 'HTTP request duration in seconds',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    grpcHandled: new Counter({
      name: 'grpc_server_handled_total',
      help: 'gRPC calls completed, by method and status code',
      labelNames: ['grpc_service', 'grpc_method', 'grpc_type', 'grpc_code'],
      registers,
    }),
    grpcDuration: new Histogram({
      name: 'grpc_server_handling_seconds',
      help: 'gRPC call duration in seconds, until the last message was sent',
      labelNames: ['grpc_service', 'grpc_method', 'grpc_type'],
      registers,
    }),
    pubsubEvents: new Counter({
      name: 'pubsub_events_total',
      help: 'Pub/sub events received, by topic and outcome',
      labelNames: ['topic', 'outcome'],
      registers,
    }),
  };
}

const ROUTE_LABEL = Symbol('routeLabel');
type LabelledRequest = Request & { [ROUTE_LABEL]?: string };

function routePath(route: unknown): string | undefined {
  const path = (route as { path?: unknown } | undefined)?.path;
  if (path === undefined) return undefined;
  return Array.isArray(path) ? path.map(String).join('|') : String(path);
}

/**
 * The matched route pattern (`/v1/products/:id`), never the raw URL, keeps label values
 * bounded. The router sets `req.route` while `req.baseUrl` still holds the mount path and
 * restores `baseUrl` once an error leaves the nested router, so the label is captured at
 * assignment. Mount routers on static prefixes: `baseUrl` is matched text, not a pattern.
 */
function captureRouteLabel(req: LabelledRequest): void {
  let current: unknown;
  Object.defineProperty(req, 'route', {
    configurable: true,
    enumerable: true,
    get: () => current,
    set(value: unknown) {
      current = value;
      const path = routePath(value);
      if (path !== undefined) req[ROUTE_LABEL] = `${req.baseUrl}${path}` || '/';
    },
  });
}

export function routeLabel(req: Request): string {
  return (req as LabelledRequest)[ROUTE_LABEL] ?? 'unmatched';
}

type Child = { readonly count: { inc(): void }; readonly duration: { observe(seconds: number): void } };

/** Counts one answered HTTP request and its duration under (method, route pattern, status). */
export type HttpRequestRecorder = (method: string, route: string, status: string, seconds: number) => void;

/**
 * The label children of one (method, route, status), resolved once: prom-client's inc(labels)
 * and startTimer() build label objects and hash them on every call. Routes and statuses are
 * bounded (route patterns, never raw URLs), so the cache is too. Exported for a handler that
 * answers before Express (the gateway's cache fast lane) and must count like the middleware.
 */
export function httpRequestRecorder(metrics: Metrics): HttpRequestRecorder {
  const cache = new Map<string, Child>();
  return (method, route, status, seconds) => {
    const key = `${method} ${status} ${route}`;
    let child = cache.get(key);
    if (!child) {
      const labels = { method, route, status };
      child = { count: metrics.httpRequests.labels(labels), duration: metrics.httpDuration.labels(labels) };
      cache.set(key, child);
    }
    child.count.inc();
    child.duration.observe(seconds);
  };
}

export function metricsMiddleware(metrics: Metrics): RequestHandler {
  const recordRequest = httpRequestRecorder(metrics);
  return (req: Request, res: Response, next: NextFunction) => {
    captureRouteLabel(req);
    const started = performance.now();
    let recorded = false;
    const record = () => {
      if (recorded) return;
      recorded = true;
      // 499 (client closed request) when the client went away before the response finished.
      const status = res.writableFinished ? String(res.statusCode) : '499';
      recordRequest(req.method, routeLabel(req), status, (performance.now() - started) / 1000);
    };
    res.once('finish', record);
    res.once('close', record);
    next();
  };
}

export function metricsHandler(metrics: Metrics): RequestHandler {
  return async (_req: Request, res: Response) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  };
}
