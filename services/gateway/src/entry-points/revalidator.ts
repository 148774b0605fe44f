import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER } from '@shop/service-kit';
import { MAX_AGE, PUBLIC, type Revalidate } from './response-cache';
import type { Upstream } from './upstream';

/**
 * The cache's background revalidation: a conditional GET (`If-None-Match`) for a stored URL,
 * sent by the gateway itself on the route's kept-alive connections, anonymous like the
 * requests the entry serves. A 304 that is still `public` with a max-age keeps the entry; any
 * other answer drops it (the next request fetches the current one); no answer (a timeout, a
 * service that is down) leaves it to expire as it would have.
 */
export function createRevalidator(upstreamOf: (prefix: string) => Upstream | undefined, timeoutMs: number): Revalidate {
  return async (prefix, url, etag) => {
    const upstream = upstreamOf(prefix);
    if (!upstream) return undefined;
    try {
      const res = await upstream.pool.request({
        method: 'GET',
        path: upstream.basePath + url,
        headers: { 'if-none-match': etag, [REQUEST_ID_HEADER]: randomUUID(), accept: 'application/json' },
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      await res.body.dump();
      const cacheControl = String(res.headers['cache-control'] ?? '');
      const seconds = Number(MAX_AGE.exec(cacheControl)?.[1] ?? 0);
      return res.statusCode === 304 && PUBLIC.test(cacheControl) && seconds > 0
        ? { fresh: true, maxAgeSeconds: seconds }
        : { fresh: false };
    } catch {
      return undefined;
    }
  };
}
