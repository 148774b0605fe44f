import { context, isSpanContextValid, trace } from '@opentelemetry/api';
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { currentRequestId } from './context';
import { AppError, type ErrorCode, isAppError } from './errors';
import type { Logger } from './logger';
import { storeUnavailableError } from './store-unavailable';

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: ErrorCode;
  readonly traceId?: string;
  readonly instance?: string;
  readonly errors?: ReadonlyArray<{ path: string; message: string }>;
}

/** The HTTP side of each error code: status and problem title (the domain knows only codes). */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, title: 'Validation failed' },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required' },
  FORBIDDEN: { status: 403, title: 'Forbidden' },
  NOT_FOUND: { status: 404, title: 'Not found' },
  CONFLICT: { status: 409, title: 'Conflict' },
  PRECONDITION_FAILED: { status: 412, title: 'Precondition failed' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  INTERNAL: { status: 500, title: 'Internal error' },
  UNAVAILABLE: { status: 503, title: 'Service unavailable' },
} as const satisfies Record<ErrorCode, { status: number; title: string }>;

export function httpStatusOf(code: ErrorCode): number {
  return errorCatalogue[code].status;
}

/** Problem type URIs are identifiers (RFC 9457 §3.1.1), not links. */
export function problemType(code: ErrorCode): string {
  return `urn:shop:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

const GENERIC_INTERNAL = 'An unexpected error occurred. Quote the traceId when reporting it.';

/** The trace id when tracing runs, else the request id: either finds the request's logs. */
export function correlationId(): string | undefined {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) return spanContext.traceId;
  return currentRequestId();
}

// body-parser and http-errors tag their errors with `type`/`status`; these are client mistakes.
const BODY_PARSER_ERRORS: Record<string, [ErrorCode, string]> = {
  'entity.parse.failed': ['VALIDATION_FAILED', 'The request body is not valid JSON'],
  'entity.too.large': ['PAYLOAD_TOO_LARGE', 'The request body is too large'],
  'encoding.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'The request body encoding is not supported'],
  'charset.unsupported': ['UNSUPPORTED_MEDIA_TYPE', 'The request body charset is not supported'],
  'parameters.too.many': ['PAYLOAD_TOO_LARGE', 'The request has too many parameters'],
  'request.aborted': ['VALIDATION_FAILED', 'The request body was not received completely'],
  'request.size.invalid': ['VALIDATION_FAILED', 'The request body length does not match Content-Length'],
};

function clientErrorOf(err: unknown): AppError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { type, status, statusCode } = err as { type?: unknown; status?: unknown; statusCode?: unknown };
  const known = typeof type === 'string' ? BODY_PARSER_ERRORS[type] : undefined;
  if (known) return new AppError(known[0], known[1], { cause: err });
  const httpStatus = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : 0;
  // Other 4xx from Express itself, e.g. a malformed percent-encoding in a route parameter.
  if (httpStatus === 400) return new AppError('VALIDATION_FAILED', 'The request is malformed', { cause: err });
  if (httpStatus === 413) return new AppError('PAYLOAD_TOO_LARGE', 'The request is too large', { cause: err });
  if (httpStatus === 415) return new AppError('UNSUPPORTED_MEDIA_TYPE', 'Unsupported media type', { cause: err });
  return undefined;
}

/**
 * Turns anything thrown into the public problem: a store that cannot be reached becomes a 503,
 * other unknown errors a generic 500.
 */
export function toProblem(err: unknown, instance?: string): ProblemBody {
  const appError = isAppError(err) ? err : (clientErrorOf(err) ?? storeUnavailableError(err));
  const code: ErrorCode = appError?.code ?? 'INTERNAL';
  const source = appError ?? new AppError('INTERNAL', GENERIC_INTERNAL);
  const traceId = correlationId();
  return {
    type: problemType(code),
    title: errorCatalogue[code].title,
    status: errorCatalogue[code].status,
    detail: code === 'INTERNAL' ? GENERIC_INTERNAL : source.detail,
    code,
    ...(traceId === undefined ? {} : { traceId }),
    ...(instance === undefined ? {} : { instance }),
    ...(source.errors === undefined ? {} : { errors: source.errors }),
  };
}

export function sendProblem(res: Response, problem: ProblemBody, retryAfterSeconds?: number): void {
  if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.ceil(retryAfterSeconds)));
  res.status(problem.status).type('application/problem+json').json(problem);
}

/** The one Express error middleware; mount it last. */
export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) {
      // Too late for a problem body: let Express abort the connection.
      logger.error('request failed after the response started', { err });
      next(err);
      return;
    }
    // The path without the query string: queries may carry tokens.
    const problem = toProblem(err, req.path);
    if (problem.status >= 500) {
      logger.error('request failed', { method: req.method, path: req.path, code: problem.code, err });
    } else {
      logger.info('request rejected', { method: req.method, path: req.path, code: problem.code });
    }
    const retryAfter = isAppError(err) ? err.retryAfterSeconds : storeUnavailableError(err)?.retryAfterSeconds;
    sendProblem(res, problem, retryAfter);
  };
}

export function notFoundHandler(): RequestHandler {
  return (_req, _res, next) => next(new AppError('NOT_FOUND', 'No resource matches this method and path'));
}
