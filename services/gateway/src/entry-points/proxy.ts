import type { ClientRequest, IncomingMessage } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { captureContext, correlationId, REQUEST_ID_HEADER, type Logger } from '@shop/service-kit';
import { BodyTooLargeError, byteLimit, closeAfterResponse, hasBody, tooLarge } from './body-limit';
import { clientResponseHeaders, upstreamRequestHeaders } from './headers';
import type { ResponseCache } from './response-cache';
import { sendGatewayProblem } from './problems';
import type { Upstream } from './upstream';

export interface ProxyOptions {
  readonly upstream: Upstream;
  readonly bodyLimitBytes: number;
  /** Longest the upstream connection may stay silent: connecting, or between reads. */
  readonly timeoutMs: number;
  readonly logger: Logger;
  /** Called instead of forwarding when the upstream has `maxInFlight` requests open already. */
  readonly shed?: (req: Request, res: Response, detail: string) => void;
  /** Requests open to this upstream at once (0: no limit); beyond it, `shed` answers. */
  readonly maxInFlight?: number;
  /** Keeps cacheable answers (see response-cache.ts). */
  readonly cache?: ResponseCache;
}

class UpstreamTimeout extends Error {}
class ClientGone extends Error {}

// RFC 9110 §9.2.2: safe to send twice.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Streams the request to the upstream and its response back, unchanged but for
 * hop-by-hop and gateway-owned headers. Written on node:http rather than a proxy library
 * so the body limit, the 502/504 split and client aborts are each one explicit branch.
 * (The kit's tracing instruments node:http, so the upstream request carries traceparent.)
 */
export function proxyTo(options: ProxyOptions): RequestHandler {
  const { upstream, bodyLimitBytes, timeoutMs, logger } = options;
  const maxInFlight = options.maxInFlight ?? 0;
  const load = upstream.load;

  return (req: Request, res: Response, next: NextFunction) => {
    if (maxInFlight > 0 && load.inFlight >= maxInFlight && options.shed) {
      options.shed(req, res, `The ${upstream.name} service is busy; retry after the time in Retry-After`);
      return;
    }
    load.inFlight += 1;
    // Socket events run outside the request's async context. The context is taken now and
    // entered again only when a handler runs (logs keep the request and trace ids), which is
    // cheaper than an AsyncResource per callback on every request.
    const inContext = captureContext();
    const traceId = correlationId();
    const requestId = String(res.getHeader(REQUEST_ID_HEADER));
    const withBody = hasBody(req);
    const started = performance.now();
    let current: ClientRequest | undefined;

    res.once('close', () => {
      load.inFlight -= 1;
      if (!res.writableFinished) current?.destroy(new ClientGone('client closed the connection'));
    });

    const relay = inContext((upstreamRes: IncomingMessage) => {
      const vary = res.getHeader('vary');
      const headers = clientResponseHeaders(upstreamRes, typeof vary === 'string' ? vary : undefined);
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, headers);
      const cache = options.cache;
      if (cache?.keepable(req, upstreamRes)) {
        const chunks: Buffer[] = [];
        upstreamRes.on('data', (chunk: Buffer) => chunks.push(chunk));
        upstreamRes.once('end', () => cache.store(req, upstreamRes, headers, Buffer.concat(chunks)));
      }
      // pipe, not stream.pipeline: pipeline makes (and aborts) an AbortController per call,
      // a DOMException per request. The two ways a relay can break are handled here: the
      // upstream stops mid-answer (the client's connection is cut, so it knows the answer is
      // incomplete) and the client goes away (res 'close' above destroys the upstream request).
      const cutOff = inContext((err?: Error) => {
        if (res.writableFinished) return;
        if (!req.destroyed)
          logger.warn('upstream response cut off', { upstream: upstream.name, err: err?.message ?? 'closed early' });
        res.destroy();
      });
      upstreamRes.once('error', cutOff);
      upstreamRes.once('close', () => {
        if (!upstreamRes.complete) cutOff();
      });
      upstreamRes.pipe(res);
    });

    const attempt = (retry: boolean): void => {
      let settled = false;
      const upstreamReq = upstream.transport.request({
        hostname: upstream.hostname,
        port: upstream.port,
        method: req.method,
        // The path exactly as the client sent it (no normalisation), with its query.
        path: upstream.basePath + req.originalUrl,
        headers: upstreamRequestHeaders(req, requestId),
        // The retry takes a connection of its own: the pool's next free socket may be as stale.
        agent: retry ? false : upstream.agent,
        timeout: timeoutMs,
      });
      current = upstreamReq;
      const source = withBody ? req.pipe(byteLimit(bodyLimitBytes)) : undefined;

      const fail = inContext((err: Error) => {
        if (settled) return;
        settled = true;
        source?.unpipe(upstreamReq);
        if (err instanceof ClientGone) return; // nobody to answer; metrics record a 499
        if (res.headersSent) {
          // Too late for a problem: cutting the connection tells the client it is incomplete.
          logger.warn('upstream failed mid-response', { upstream: upstream.name, err: err.message });
          res.destroy();
          return;
        }
        // An unread body would otherwise sit on a kept-alive connection.
        if (!req.complete) closeAfterResponse(res);
        const code = (err as NodeJS.ErrnoException).code;
        if (err instanceof BodyTooLargeError) {
          next(tooLarge(bodyLimitBytes));
        } else if (err instanceof UpstreamTimeout) {
          logger.warn('upstream timed out', { upstream: upstream.name, timeoutMs });
          sendGatewayProblem(
            req,
            res,
            'GATEWAY_TIMEOUT',
            `The ${upstream.name} service did not answer in time`,
            traceId,
          );
        } else if (
          !retry &&
          !withBody &&
          upstreamReq.reusedSocket &&
          (code === 'ECONNRESET' || code === 'EPIPE') &&
          IDEMPOTENT.has(req.method)
        ) {
          // A kept-alive socket the upstream closed just as we reused it, before any answer:
          // repeating an idempotent, bodyless request on a fresh connection is safe. (Requests
          // with a body cannot be replayed once streamed; the services' long keep-alive makes
          // this race rare for them: see the kit's listen().)
          attempt(true);
        } else {
          const durationMs = Math.round(performance.now() - started);
          logger.warn('upstream unreachable', { upstream: upstream.name, code, err: err.message, durationMs });
          sendGatewayProblem(req, res, 'UPSTREAM_UNAVAILABLE', `The ${upstream.name} service is unavailable`, traceId);
        }
      });

      upstreamReq.on('error', fail);
      upstreamReq.on('timeout', () => upstreamReq.destroy(new UpstreamTimeout('upstream timed out')));
      upstreamReq.on(
        'response',
        inContext((upstreamRes: IncomingMessage) => {
          if (settled) {
            upstreamRes.destroy();
            return;
          }
          relay(upstreamRes);
        }),
      );
      if (source) {
        // The limiter fails mid-stream; aborting the upstream request means the service
        // sees a cut-off request, never a complete oversized body.
        source.on('error', (err) => upstreamReq.destroy(err));
        source.pipe(upstreamReq);
      } else {
        upstreamReq.end();
      }
    };

    req.once('error', () => current?.destroy(new ClientGone('client request failed')));
    attempt(false);
  };
}
