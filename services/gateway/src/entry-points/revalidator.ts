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
  return (prefix, url, etag) =>
    new Promise((resolve) => {
      const upstream = upstreamOf(prefix);
      if (!upstream) {
        resolve(undefined);
        return;
      }
      const req = upstream.transport.request(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          method: 'GET',
          path: upstream.basePath + url,
          headers: { 'if-none-match': etag, [REQUEST_ID_HEADER]: randomUUID(), accept: 'application/json' },
          agent: upstream.agent,
          timeout: timeoutMs,
        },
        (res) => {
          res.resume();
          const cacheControl = res.headers['cache-control'] ?? '';
          const seconds = Number(MAX_AGE.exec(cacheControl)?.[1] ?? 0);
          resolve(
            res.statusCode === 304 && PUBLIC.test(cacheControl) && seconds > 0
              ? { fresh: true, maxAgeSeconds: seconds }
              : { fresh: false },
          );
        },
      );
      req.on('timeout', () => req.destroy());
      req.on('error', () => resolve(undefined));
      req.end();
    });
}
