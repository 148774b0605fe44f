import { answerFast, type FastLane, type HttpRequestRecorder, type Logger } from '@shop/service-kit';
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
export function createFastLane(options: FastLaneOptions): FastLane {
  const { cache, prefixes } = options;
  const tools = { logger: options.logger, record: options.record };
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

    answerFast(tools, req, res, prefix, () => cache.send(req, res, answer, 'Origin'));
    return true;
  };
}
