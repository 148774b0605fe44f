import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { type HttpRequestRecorder, type Logger, logFast, REQUEST_ID_HEADER, requestIdFrom } from '@shop/service-kit';
import { anonymous, type ResponseCache, wantsRevalidation } from './response-cache';

export interface FastLaneOptions {
  readonly cache: ResponseCache;
  /** The route prefixes in the order Express walks them, so a URL maps to the same prefix. */
  readonly prefixes: readonly string[];
  readonly logger: Logger;
  readonly record: HttpRequestRecorder;
}

/** The route prefix Express would mount this path under: equal to it, or followed by `/`. */
function prefixOf(path: string, prefixes: readonly string[]): string | undefined {
  for (const prefix of prefixes) {
    if (path.startsWith(prefix) && (path.length === prefix.length || path.charCodeAt(prefix.length) === 47))
      return prefix;
  }
  return undefined;
}

/**
 * Answers a cache hit before Express: the catalog's anonymous reads are most of the gateway's
 * traffic, and Express' request set-up, router and middleware chain cost more than the answer.
 * Only requests the full chain would answer from the cache with nothing else to do take this
 * lane: GET or HEAD, no credentials, no `Origin` (CORS stays in one place), no `no-cache`.
 * The answer is the full chain's, byte for byte but the request id and Age: the same request
 * id rule, `nosniff`, `Vary: Origin`, the same metric series and the same access-log line
 * (tested against the full chain). A hit is served even while the gateway sheds load: it
 * costs less than the 503 would. Returns false when the request must take the full chain.
 */
export function createFastLane(options: FastLaneOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { cache, prefixes, logger, record } = options;
  return (req, res) => {
    const method = req.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const h = req.headers;
    if (h.origin !== undefined || !anonymous(req) || wantsRevalidation(req)) return false;
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    // The gateway's own answers (probes, docs) are never stored: only proxied ones are.
    const prefix = prefixOf(path, prefixes);
    const answer = prefix === undefined ? undefined : cache.lookup(prefix, url);
    if (prefix === undefined || answer === undefined) return false;

    const started = performance.now();
    const requestId = requestIdFrom(h[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    cache.send(req, res, answer, 'Origin');

    const seconds = (performance.now() - started) / 1000;
    record(method, prefix, String(res.statusCode), seconds);
    const span = trace.getActiveSpan()?.spanContext();
    const traced = span !== undefined && isSpanContextValid(span);
    logFast(logger, 'info', 'http request', {
      method,
      route: prefix,
      status: res.statusCode,
      durationMs: Math.round(seconds * 10_000) / 10,
      traceId: traced ? span.traceId : undefined,
      spanId: traced ? span.spanId : undefined,
      requestId,
    });
    return true;
  };
}

/** The server's request listener: the fast lane first, else the full Express app. */
export function withFastLane(
  lane: (req: IncomingMessage, res: ServerResponse) => boolean,
  app: RequestListener,
): RequestListener {
  return (req, res) => {
    if (!lane(req, res)) app(req, res);
  };
}
