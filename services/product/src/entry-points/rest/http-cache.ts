import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import vary from 'vary';

/**
 * How long a client or a shared cache (the Ingress) may reuse an anonymous catalog answer
 * without asking again; after that it revalidates with If-None-Match and usually gets a 304.
 * Part of the documented bound on how stale a shopper's view of stock can be.
 */
export const CATALOG_MAX_AGE_SECONDS = 2;

const PUBLIC_POLICY = `public, max-age=${CATALOG_MAX_AGE_SECONDS}`;
const PRIVATE_POLICY = 'private, no-cache';
/** The Cache-Control values of catalog reads (the OpenAPI document lists them). */
export const CATALOG_CACHE_CONTROL = [PUBLIC_POLICY, PRIVATE_POLICY] as const;

/**
 * Public caching only for anonymous requests: a request with credentials may pass through
 * caches that must not keep what it got. The policy depends on Authorization, so caches are
 * told so (Vary); the gateway's cache keeps anonymous answers only, which that Vary allows.
 */
export function setCatalogCaching(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Cache-Control', req.headers.authorization === undefined ? PUBLIC_POLICY : PRIVATE_POLICY);
  vary(res, 'Authorization');
}

export interface Serialised {
  readonly body: string;
  readonly etag: string;
}

/**
 * Serialises each read-model object once: the read model hands out the same object until the
 * product (or the listing) changes, so the JSON text and its strong ETag (a hash of exactly
 * those bytes) are computed once per version, not once per request.
 */
export type Representations = (key: object, render: () => unknown) => Serialised;

export function createRepresentationCache(): Representations {
  const cache = new WeakMap<object, Serialised>();
  return (key: object, render: () => unknown): Serialised => {
    let hit = cache.get(key);
    if (!hit) {
      const body = JSON.stringify(render());
      hit = { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
      cache.set(key, hit);
    }
    return hit;
  };
}

/** RFC 9110 §13.1.2: weak comparison of the listed tags, or `*`. */
function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}

/**
 * Sends a catalog answer with its strong ETag, or 304 when If-None-Match names it. Evaluated
 * here rather than by Express's `req.fresh`, which ignores If-None-Match when the request
 * says `Cache-Control: no-cache` (as fetch() does with conditional requests): that directive
 * is for caches on the way, while the origin may always answer a matching tag with 304.
 * Written with node:http alone, so the routes and the fast lane send the same answer.
 */
export function sendCatalog(req: IncomingMessage, res: ServerResponse, representation: Serialised): void {
  res.setHeader('ETag', representation.etag);
  setCatalogCaching(req, res);
  if (matches(req.headers['if-none-match'], representation.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(representation.body));
  res.end(req.method === 'HEAD' ? undefined : representation.body);
}
