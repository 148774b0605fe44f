// Transport-free on purpose: domain code imports this subpath, so it must not load express,
// gRPC, Dapr or OpenTelemetry. The HTTP mapping lives in problem.ts, the gRPC one in grpc-errors.ts.
import type { z } from 'zod';

/** The stable error codes clients may depend on; add codes, never rename them. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PRECONDITION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'INTERNAL',
  'UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && CODES.has(value);
}

/** The codes that are our failure rather than the caller's: they count toward circuit breakers. */
export function isFaultCode(code: ErrorCode): boolean {
  return code === 'INTERNAL' || code === 'UNAVAILABLE';
}

export interface FieldError {
  readonly path: string;
  readonly message: string;
}

export interface AppErrorOptions {
  readonly errors?: readonly FieldError[];
  readonly retryAfterSeconds?: number;
  readonly cause?: unknown;
}

/** An expected failure whose `detail` is safe to show to the client. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly errors: readonly FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, detail: string, options: AppErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(err: unknown): err is AppError {
  return err instanceof AppError;
}

export function summariseIssues(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String);
    // One entry per unknown field, named by its own path, so clients can point at it.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ path: [...path, key].join('.'), message: 'Unknown field' }));
    }
    return [{ path: path.join('.'), message: issue.message }];
  });
}

/**
 * Parses an entry (body, query, params, gRPC request, event) or throws VALIDATION_FAILED.
 * `where` names the entry in the detail, e.g. "body".
 */
export function validate<S extends z.ZodType>(schema: S, input: unknown, where: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = summariseIssues(result.error.issues);
  const noun = errors.length === 1 ? 'problem' : 'problems';
  throw new AppError('VALIDATION_FAILED', `Invalid ${where}: ${errors.length} ${noun}`, { errors });
}
