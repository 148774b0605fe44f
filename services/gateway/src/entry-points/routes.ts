import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '@shop/service-kit';
import type { AppName } from '@shop/topology';

/** A prefix of the topology's routes table and the REST base URL of the app that owns it. */
export interface GatewayRoute {
  readonly prefix: string;
  readonly app: AppName;
  readonly baseUrl: string;
}

/** Joins the topology's routes with the configured URLs; a route without one fails start-up. */
export function resolveRoutes(
  table: ReadonlyArray<{ readonly prefix: string; readonly app: AppName }>,
  urls: Partial<Record<AppName, string>>,
): GatewayRoute[] {
  return table.map(({ prefix, app }) => {
    const baseUrl = urls[app];
    if (baseUrl === undefined) throw new Error(`No upstream URL configured for ${app} (route ${prefix})`);
    if (!/^\/[a-z0-9/-]+$/.test(prefix) || prefix.endsWith('/')) throw new Error(`Bad route prefix ${prefix}`);
    return { prefix, app, baseUrl };
  });
}

/**
 * Labels the request's metrics and access log with the route prefix. The kit labels from
 * the `req.route` assignment (as `baseUrl + route.path`); a proxied prefix has no Express
 * route, so this assigns one whose path is empty. With case-sensitive routing, `baseUrl`
 * is exactly the configured prefix, so label values stay bounded whatever the URL.
 */
export function labelWithPrefix(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    (req as { route?: unknown }).route = { path: '' };
    next();
  };
}

// A `.` or `..` segment, literal or percent-encoded: harmless to Express services, but a
// normalising hop behind the gateway would turn /v1/products/../users into another prefix.
const DOT_SEGMENT = /(?:^|\/)(?:\.|%2e){1,2}(?:\/|$)/i;

export function rejectDotSegments(): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    const path = req.originalUrl.split('?')[0] ?? '';
    if (DOT_SEGMENT.test(path)) {
      next(new AppError('VALIDATION_FAILED', 'The path must not contain "." or ".." segments'));
      return;
    }
    next();
  };
}
