import { randomUUID } from 'node:crypto';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import { currentContext, isSafeRequestId, runWithContext } from './context';
import { AppError } from './errors';
import type { Health } from './health';
import { logFast, type Logger } from './logger';
import { type Metrics, metricsHandler, metricsMiddleware, routeLabel } from './metrics';
import { notFoundHandler, problemHandler } from './problem';

export const REQUEST_ID_HEADER = 'x-request-id';

export interface RestAppOptions {
  readonly service: string;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly health: Health;
  /** Largest accepted body; larger ones get 413. */
  readonly bodyLimit?: string | number;
  /** Accepted request body media types; any other body gets 415. */
  readonly jsonTypes?: readonly string[];
  /** Mounts the service's routes; runs after the shared middleware, before 404 and errors. */
  readonly configure: (app: Express) => void;
}

const optionsSchema = z.object({
  service: z.string().min(1),
  bodyLimit: z.union([z.string().regex(/^\d+(b|kb|mb)$/i), z.number().int().positive()]).default('100kb'),
  jsonTypes: z.array(z.string().min(1)).min(1).default(['application/json', 'application/*+json']),
});

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** A well-formed incoming id (the gateway sets one) is adopted; otherwise a new one is made. */
export const requestIdFrom = (incoming: unknown): string => (isSafeRequestId(incoming) ? incoming : randomUUID());

/** Adopts a well-formed incoming id, else makes one; echoes it back. */
export function requestIdMiddleware(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const requestId = requestIdFrom(req.get(REQUEST_ID_HEADER));
    res.setHeader(REQUEST_ID_HEADER, requestId);
    runWithContext({ requestId }, next);
  };
}

/**
 * What every answer of a public API carries: `nosniff` (browsers must not guess a media type)
 * and `Cache-Control: no-store` unless the route chooses a policy itself (the catalog does):
 * most answers are per-user data or tokens, and a forgotten header must fail safe.
 */
export function publicApiHeaders(): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    next();
  };
}

export function accessLogMiddleware(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const level = PROBES.has(req.path) ? 'debug' : 'info';
    if (!logger.isLevelEnabled(level)) {
      next();
      return;
    }
    const started = performance.now();
    // 'finish' fires outside the request's async context: take the ids now (the context
    // object itself, so a user id set later in the request still shows).
    const ctx = currentContext();
    const span = trace.getActiveSpan()?.spanContext();
    const traced = span !== undefined && isSpanContextValid(span);
    res.once('finish', () => {
      logFast(logger, level, 'http request', {
        method: req.method,
        route: routeLabel(req),
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        traceId: traced ? span.traceId : undefined,
        spanId: traced ? span.spanId : undefined,
        requestId: ctx?.requestId,
        userId: ctx?.userId,
      });
    });
    next();
  };
}

/**
 * express.json skips other media types silently; a body the service cannot read is a 415.
 * An empty body is no body, whatever its framing: proxies (the gateway, Dapr) forward a
 * bodiless POST such as /cancel with `content-length: 0` and no media type.
 */
export function requireMediaType(types: readonly string[]): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const empty = req.headers['content-length'] === '0' && req.headers['transfer-encoding'] === undefined;
    if (!empty && req.is([...types]) === false) {
      next(new AppError('UNSUPPORTED_MEDIA_TYPE', `Request bodies must be one of: ${types.join(', ')}`));
      return;
    }
    next();
  };
}

export function createRestApp(options: RestAppOptions): Express {
  const { bodyLimit, jsonTypes } = optionsSchema.parse(options);
  const { logger, metrics, health, configure } = options;

  const app = express();
  app.disable('x-powered-by');
  // /V1/PRODUCTS must not be a second route: case variants would multiply metric labels.
  app.set('case sensitive routing', true);
  app.use(requestIdMiddleware());
  app.use(publicApiHeaders());
  app.use(accessLogMiddleware(logger));
  app.use(metricsMiddleware(metrics));
  app.use(health.router);
  app.get('/metrics', metricsHandler(metrics));
  app.use(requireMediaType(jsonTypes));
  app.use(express.json({ limit: bodyLimit, strict: true, type: jsonTypes }));
  configure(app);
  app.use(notFoundHandler());
  app.use(problemHandler(logger));
  return app;
}
