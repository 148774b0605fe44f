import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import winston from 'winston';
import { currentRequestId, currentUserId } from './context';
import { createLogSink, type LogSink } from './log-sink';
import type { Logger } from './log';

export type { Logger };

export interface LoggerOptions {
  /** Where JSON lines go; stdout unless a test captures them. */
  readonly destination?: NodeJS.WritableStream;
}

export const REDACTED = '[REDACTED]';

// Keys are compared lower-cased with '-' and '_' removed, so `api_key`, `X-Api-Key` and
// `apiKey` all match. Substrings catch variants such as `passwordHash` or `clientSecret`.
const SENSITIVE_EXACT = new Set(['authorization', 'proxyauthorization', 'cookie', 'setcookie', 'pwd', 'passwd']);
const SENSITIVE_PARTS = ['password', 'secret', 'token', 'apikey', 'privatekey', 'credential'];

export function isSensitiveKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[-_]/g, '');
  return SENSITIVE_EXACT.has(k) || SENSITIVE_PARTS.some((part) => k.includes(part));
}

const MAX_DEPTH = 8;

/** Returns a redacted copy; never mutates the caller's objects. */
export function redact(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (value instanceof Error) {
    const { name, message, stack } = value;
    const extra = redact({ ...value }, depth + 1, seen) as Record<string, unknown>;
    // `cause` is not enumerable: without this a wrapped gRPC or driver error loses why it failed.
    const cause = (value as { cause?: unknown }).cause;
    if (cause !== undefined) {
      const c = redact(cause, depth + 1, seen);
      extra['cause'] = c !== null && typeof c === 'object' && 'stack' in c ? { ...c, stack: undefined } : c;
    }
    return { ...extra, name, message, stack };
  }
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1, seen));
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = isSensitiveKey(key) ? REDACTED : redact(v, depth + 1, seen);
  }
  return out;
}

const redactFormat = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (key === 'level' || key === 'message') continue;
    info[key] = isSensitiveKey(key) ? REDACTED : redact(info[key]);
  }
  return info;
});

/**
 * Trace and request ids are read when the log call is made. Winston runs formats inside a
 * stream, which may process a buffered line later, outside the caller's async context.
 */
function withCallerContext(info: Record<string, unknown>): Record<string, unknown> {
  const span = trace.getSpan(context.active());
  const spanContext = span?.spanContext();
  const requestId = currentRequestId();
  const extra: Record<string, unknown> = {};
  if (spanContext && isSpanContextValid(spanContext)) {
    extra['traceId'] = spanContext.traceId;
    extra['spanId'] = spanContext.spanId;
  }
  if (requestId !== undefined) extra['requestId'] = requestId;
  const userId = currentUserId();
  if (userId !== undefined) extra['userId'] = userId;
  // Object.assign keeps winston's Symbol keys (level, splat) that the transports need.
  return Object.assign(info, { ...extra, ...info });
}

/** Where a kit logger writes, so hot paths can write a known-safe line without winston. */
const SINK = Symbol('logSink');

/**
 * Writes one JSON line of known, non-sensitive fields (numbers and plain strings: no
 * redaction needed) straight to the logger's stream, in the shape winston writes: the access
 * log runs once per request, and winston's format chain cost more than the request's work.
 * Falls back to the logger for a logger the kit did not make.
 */
export function logFast(
  logger: Logger,
  level: string,
  message: string,
  fields: Record<string, string | number | undefined>,
): void {
  if (!logger.isLevelEnabled(level)) return;
  const sink = (logger as unknown as Record<symbol, LogSink | undefined>)[SINK];
  if (!sink) {
    logger.log(level, message, fields);
    return;
  }
  let line = `{"level":"${level}","message":${JSON.stringify(message)},"service":${JSON.stringify(sink.service)}`;
  for (const key in fields) {
    const v = fields[key];
    if (v !== undefined) line += `,"${key}":${typeof v === 'number' ? v : JSON.stringify(v)}`;
  }
  sink.push(`${line},"timestamp":"${new Date().toISOString()}"}\n`);
}

export function createLogger(service: string, level = 'info', options: LoggerOptions = {}): Logger {
  const stream = options.destination ?? process.stdout;
  const base = winston.createLogger({
    level,
    defaultMeta: { service },
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      redactFormat(),
      winston.format.timestamp(),
      winston.format.json(),
    ),
    transports: [new winston.transports.Stream({ stream })],
  });
  // Same technique as winston's own child(): every log method funnels through write().
  return Object.create(base, {
    [SINK]: { value: createLogSink(stream, service) },
    write: {
      value(info: Record<string, unknown>, ...rest: unknown[]) {
        return (base.write as (...args: unknown[]) => boolean)(withCallerContext(info), ...rest);
      },
    },
  }) as Logger;
}
