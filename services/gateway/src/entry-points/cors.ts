import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { AppError } from '@shop/service-kit';

/**
 * An allowed origin: exact (`https://shop.example.com`) or with any port
 * (`http://localhost:*`, which also matches no port). Nothing else is a wildcard, so a
 * pattern can never match a look-alike host such as `http://localhost.evil.example`.
 */
export type OriginPattern = { readonly exact: string } | { readonly anyPortOf: string };

const ORIGIN = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}|\*))?$/i;

/** Parses a comma list; returns a reason string for the first bad entry. */
export function parseOriginPatterns(list: string): OriginPattern[] | string {
  const patterns: OriginPattern[] = [];
  for (const raw of list.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const match = ORIGIN.exec(entry);
    if (!match) return `"${entry}" is not an origin such as https://shop.example.com or http://localhost:*`;
    const base = `${match[1]}://${match[2]}`.toLowerCase();
    patterns.push(match[3] === '*' ? { anyPortOf: base } : { exact: entry.toLowerCase() });
  }
  return patterns;
}

export function originAllowed(origin: string, patterns: readonly OriginPattern[]): boolean {
  const match = ORIGIN.exec(origin);
  if (!match || match[3] === '*') return false;
  const lower = origin.toLowerCase();
  const base = `${match[1]}://${match[2]}`.toLowerCase();
  return patterns.some((p) => ('exact' in p ? p.exact === lower : p.anyPortOf === base));
}

// Read by browser code: correlating errors, honouring 429 back-off, following a 201/202,
// revalidating catalog pages, seeing whether a Prefer: wait was applied.
const EXPOSED_HEADERS = ['x-request-id', 'Retry-After', 'Location', 'ETag', 'Preference-Applied'];

/**
 * The gateway answers every preflight itself, so the services never see OPTIONS from
 * browsers. Bearer tokens travel in a header, not cookies, so credentials stay off.
 * Requested headers are reflected: the services decide which headers they accept.
 */
export function corsMiddleware(patterns: readonly OriginPattern[]): RequestHandler[] {
  const allow = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && originAllowed(origin, patterns)),
    methods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
    exposedHeaders: EXPOSED_HEADERS,
    credentials: false,
    maxAge: 600,
    optionsSuccessStatus: 204,
  });
  // `cors` passes a preflight from a refused origin on to the next handler; it must not
  // reach a service, and a 403 explains the refusal better than a silent missing header.
  const refusePreflight = (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS' && req.get('origin') !== undefined && req.get('access-control-request-method')) {
      next(new AppError('FORBIDDEN', 'This origin may not call the API from a browser'));
      return;
    }
    next();
  };
  // Every answer depends on Origin (allowed or not), also one to a request without it: a
  // shared cache in front must not hand a stored non-CORS answer to a browser's CORS request.
  const varyOrigin = (_req: Request, res: Response, next: NextFunction) => {
    res.vary('Origin');
    next();
  };
  return [varyOrigin, allow, refusePreflight];
}
