import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface ResponseCacheOptions {
  /** Entries kept at most; the oldest go first. */
  readonly maxEntries?: number;
  /** Larger answers are passed through, never kept. */
  readonly maxBodyBytes?: number;
  readonly now?: () => number;
}

/** `fresh`: the service answered 304 with a new max-age; otherwise the entry is dropped. */
export type Revalidation = { readonly fresh: true; readonly maxAgeSeconds: number } | { readonly fresh: false };
export type Revalidate = (prefix: string, url: string, etag: string) => Promise<Revalidation | undefined>;

export interface CachedAnswer {
  readonly status: number;
  readonly headers: OutgoingHttpHeaders;
  readonly body: Buffer;
  readonly etag: string | undefined;
  /** The service's own Vary; the gateway's (Origin) is added per request. */
  readonly vary: string | undefined;
  readonly storedAt: number;
  readonly expiresAt: number;
  /** From then on a lookup starts a background revalidation (when the cache has a revalidator). */
  readonly refreshAt: number;
}

/** The last quarter of an answer's life is when it is revalidated ahead of its expiry. */
const refreshAtOf = (at: number, seconds: number) => at + seconds * 750;

export const MAX_AGE = /(?:^|,)\s*max-age=(\d+)/i;
export const PUBLIC = /(?:^|,)\s*public\b/i;

/**
 * Entries are keyed by URL alone and kept and served for anonymous requests only, so the one
 * Vary they honour is `Authorization` (every request they serve has the same: none).
 */
const varyKeepable = (vary: string | undefined) =>
  vary === undefined || vary.split(',').every((v) => v.trim().toLowerCase() === 'authorization');

/** Only what any client may get: no credentials on the request, `public` + max-age on the answer. */
export const anonymous = (req: IncomingMessage) =>
  req.headers.authorization === undefined && req.headers.cookie === undefined;

/** A client's `Cache-Control: no-cache` asks for the service's own answer. */
export const wantsRevalidation = (req: IncomingMessage) => req.headers['cache-control']?.includes('no-cache') === true;

export interface ResponseCache {
  /** Serves a fresh stored answer (or 304), else passes on; clears the cache on unsafe methods. */
  readonly middleware: RequestHandler;
  /** The fresh answer stored for this exact URL under this route prefix, if any. */
  lookup(prefix: string, url: string): CachedAnswer | undefined;
  /** Writes a stored answer (or a 304 for a matching If-None-Match); `ownVary` is the gateway's Vary. */
  send(req: IncomingMessage, res: ServerResponse, answer: CachedAnswer, ownVary: string | undefined): void;
  /** Whether the proxy should keep this answer; if so, call `store` with its body once complete. */
  keepable(req: Request, upstream: IncomingMessage): boolean;
  store(req: Request, upstream: IncomingMessage, headers: OutgoingHttpHeaders, body: Buffer): void;
  readonly size: () => number;
  /**
   * Set once, where the routes' upstreams are known: asks the service whether a stored answer
   * is still current (a conditional GET). With it, an entry still asked for is revalidated in
   * the background in the last quarter of its life, so requests keep being served from the
   * cache instead of each expiry sending one of them through to the service.
   */
  revalidateWith(revalidate: Revalidate): void;
}

/**
 * A shared HTTP cache in front of the services, as the Ingress or a CDN would be: it keeps
 * only 200 answers to anonymous GETs that the service marked `Cache-Control: public,
 * max-age=N` (the catalog), for N seconds, keyed by the exact URL; no `Vary` but
 * `Authorization`, no `Set-Cookie`. Per-user data is never marked public, so never kept. A stored answer is sent
 * with `Age`, and `If-None-Match` against its ETag gets 304. An unsafe request through the
 * gateway clears it (RFC 9111 §4.4); other writes show once max-age ran out, which the
 * service's documented staleness bound already includes.
 */
export function createResponseCache(options: ResponseCacheOptions = {}): ResponseCache {
  const maxEntries = options.maxEntries ?? 5_000;
  const maxBodyBytes = options.maxBodyBytes ?? 256 * 1024;
  const now = options.now ?? Date.now;
  // One map per route prefix, so an unsafe request clears only its own prefix's answers.
  const prefixes = new Map<string, Map<string, CachedAnswer>>();
  const mapFor = (req: Request) => {
    let map = prefixes.get(req.baseUrl);
    if (!map) prefixes.set(req.baseUrl, (map = new Map()));
    return map;
  };
  let count = 0;
  const refreshing = new Set<string>();
  let revalidate: Revalidate | undefined;
  const refresh = (prefix: string, url: string, answer: CachedAnswer, etag: string) => {
    const key = `${prefix} ${url}`;
    if (!revalidate || refreshing.has(key)) return;
    refreshing.add(key);
    void revalidate(prefix, url, etag)
      .catch(() => undefined)
      .then((result) => {
        refreshing.delete(key);
        const map = prefixes.get(prefix);
        // Cleared by an unsafe request or replaced meanwhile: nothing to extend.
        if (!result || map?.get(url) !== answer) return;
        if (!result.fresh) {
          map.delete(url);
          count -= 1;
          return;
        }
        const at = now();
        const seconds = result.maxAgeSeconds;
        map.set(url, { ...answer, storedAt: at, expiresAt: at + seconds * 1000, refreshAt: refreshAtOf(at, seconds) });
      });
  };
  const lookup = (prefix: string, url: string): CachedAnswer | undefined => {
    const answer = prefixes.get(prefix)?.get(url);
    const at = now();
    if (!answer || answer.expiresAt <= at) return undefined;
    if (at >= answer.refreshAt && answer.etag !== undefined) refresh(prefix, url, answer, answer.etag);
    return answer;
  };
  const send = (req: IncomingMessage, res: ServerResponse, answer: CachedAnswer, ownVary: string | undefined) => {
    const vary = [ownVary, answer.vary].filter((v): v is string => v !== undefined && v !== '');
    const headers: OutgoingHttpHeaders = {
      ...answer.headers,
      age: String(Math.floor((now() - answer.storedAt) / 1000)),
    };
    if (vary.length > 0) headers['vary'] = vary.join(', ');
    if (answer.etag !== undefined && req.headers['if-none-match'] === answer.etag) {
      delete headers['content-length'];
      delete headers['content-type'];
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(answer.status, headers);
    res.end(req.method === 'HEAD' ? undefined : answer.body);
  };

  return {
    size: () => count,
    revalidateWith(r: Revalidate) {
      revalidate = r;
    },
    middleware(req: Request, res: Response, next: NextFunction) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        const map = prefixes.get(req.baseUrl);
        if (map && req.method !== 'OPTIONS') {
          count -= map.size;
          map.clear();
        }
        next();
        return;
      }
      if (!anonymous(req) || wantsRevalidation(req)) {
        next();
        return;
      }
      const answer = lookup(req.baseUrl, req.originalUrl);
      if (!answer) {
        next();
        return;
      }
      const vary = res.getHeader('vary');
      send(req, res, answer, typeof vary === 'string' ? vary : undefined);
    },
    lookup,
    send,
    keepable(req: Request, upstream: IncomingMessage) {
      if (req.method !== 'GET' || !anonymous(req) || upstream.statusCode !== 200) return false;
      const h = upstream.headers;
      const cc = h['cache-control'] ?? '';
      if (!PUBLIC.test(cc) || !MAX_AGE.test(cc) || !varyKeepable(h.vary) || h['set-cookie'] !== undefined) return false;
      const length = Number(h['content-length']);
      return Number.isFinite(length) && length <= maxBodyBytes;
    },
    store(req: Request, upstream: IncomingMessage, headers: OutgoingHttpHeaders, body: Buffer) {
      const seconds = Number(MAX_AGE.exec(upstream.headers['cache-control'] ?? '')?.[1] ?? 0);
      if (seconds <= 0 || body.length !== Number(upstream.headers['content-length'])) return;
      // Date is the server's own (Node adds the current one): a revalidated answer is re-dated.
      const { vary: _vary, date: _date, ...kept } = headers;
      const map = mapFor(req);
      if (map.delete(req.originalUrl)) count -= 1; // re-inserted last: the map's order is the age order
      if (count >= maxEntries) {
        // Full: drop this prefix's oldest (or, if it has none, store nothing).
        const oldest = map.keys().next();
        if (oldest.done) return;
        map.delete(oldest.value);
        count -= 1;
      }
      const at = now();
      map.set(req.originalUrl, {
        status: 200,
        headers: kept,
        body,
        etag: upstream.headers.etag,
        vary: upstream.headers.vary,
        storedAt: at,
        expiresAt: at + seconds * 1000,
        refreshAt: refreshAtOf(at, seconds),
      });
      count += 1;
    },
  };
}
