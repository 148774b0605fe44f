import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import { logFast, type Logger } from './logger';
import type { HttpRequestRecorder } from './metrics';
import { REQUEST_ID_HEADER, requestIdFrom } from './rest';

/**
 * A handler that answers before Express: true when it answered, false when the request must
 * take the full chain. For the few hot, anonymous reads whose answer is already in memory (the
 * gateway's cached catalog answers, product's pages from its read model): Express' request
 * set-up, router and middleware chain cost more than those answers themselves.
 */
export type FastLane = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface FastAnswerTools {
  readonly logger: Logger;
  readonly record: HttpRequestRecorder;
}

/**
 * Answers with what the shared middleware gives every answer: the request id rule (a
 * well-formed incoming id adopted, else a new one), `nosniff`, the same metric series and the
 * same access-log line. `write` sets the route's own headers and ends the answer.
 */
export function answerFast(
  tools: FastAnswerTools,
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  write: () => void,
): void {
  const started = performance.now();
  const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
  res.setHeader(REQUEST_ID_HEADER, requestId);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  write();
  const seconds = (performance.now() - started) / 1000;
  const method = req.method ?? 'GET';
  tools.record(method, route, String(res.statusCode), seconds);
  const span = trace.getActiveSpan()?.spanContext();
  const traced = span !== undefined && isSpanContextValid(span);
  logFast(tools.logger, 'info', 'http request', {
    method,
    route,
    status: res.statusCode,
    durationMs: Math.round(seconds * 10_000) / 10,
    traceId: traced ? span.traceId : undefined,
    spanId: traced ? span.spanId : undefined,
    requestId,
  });
}

/** The server's request listener: the fast lane first, else the full Express app. */
export function withFastLane(lane: FastLane, app: RequestListener): RequestListener {
  return (req, res) => {
    if (!lane(req, res)) app(req, res);
  };
}
