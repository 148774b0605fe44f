import { status as GrpcStatus } from '@grpc/grpc-js';
import type { z } from 'zod';

interface CodeInfo {
  readonly status: number;
  readonly title: string;
  readonly grpc: GrpcStatus;
}

/** The stable error codes clients may depend on; add codes, never rename them. */
export const errorCatalogue = {
  VALIDATION_FAILED: { status: 400, title: 'Validation failed', grpc: GrpcStatus.INVALID_ARGUMENT },
  UNAUTHENTICATED: { status: 401, title: 'Authentication required', grpc: GrpcStatus.UNAUTHENTICATED },
  FORBIDDEN: { status: 403, title: 'Forbidden', grpc: GrpcStatus.PERMISSION_DENIED },
  NOT_FOUND: { status: 404, title: 'Not found', grpc: GrpcStatus.NOT_FOUND },
  CONFLICT: { status: 409, title: 'Conflict', grpc: GrpcStatus.ALREADY_EXISTS },
  PRECONDITION_FAILED: { status: 412, title: 'Precondition failed', grpc: GrpcStatus.FAILED_PRECONDITION },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large', grpc: GrpcStatus.RESOURCE_EXHAUSTED },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type', grpc: GrpcStatus.INVALID_ARGUMENT },
  RATE_LIMITED: { status: 429, title: 'Too many requests', grpc: GrpcStatus.RESOURCE_EXHAUSTED },
  INTERNAL: { status: 500, title: 'Internal error', grpc: GrpcStatus.INTERNAL },
  UNAVAILABLE: { status: 503, title: 'Service unavailable', grpc: GrpcStatus.UNAVAILABLE },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof errorCatalogue;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalogue, value);
}

/** Problem type URIs are identifiers (RFC 9457 §3.1.1), not links. */
export function problemType(code: ErrorCode): string {
  return `urn:shop:problem:${code.toLowerCase().replace(/_/g, '-')}`;
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
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: readonly FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, detail: string, options: AppErrorOptions = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.title = errorCatalogue[code].title;
    this.detail = detail;
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get grpcStatus(): GrpcStatus {
    return errorCatalogue[this.code].grpc;
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
