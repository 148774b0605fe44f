import { Metadata, type ServiceError, status as GrpcStatus } from '@grpc/grpc-js';
import { AppError, type ErrorCode, type FieldError, isAppError, isErrorCode } from './errors';
import { storeUnavailableError } from './store-unavailable';

/** Trailer keys that carry our error contract across a gRPC hop (and through the sidecars). */
export const ERROR_CODE_KEY = 'x-error-code';
const FIELD_ERRORS_KEY = 'x-error-fields-bin';
const RETRY_AFTER_KEY = 'x-retry-after-seconds';

const GENERIC_INTERNAL = 'Internal error';

/** The gRPC side of each error code (the domain knows only codes). */
const GRPC_STATUS: Record<ErrorCode, GrpcStatus> = {
  VALIDATION_FAILED: GrpcStatus.INVALID_ARGUMENT,
  UNAUTHENTICATED: GrpcStatus.UNAUTHENTICATED,
  FORBIDDEN: GrpcStatus.PERMISSION_DENIED,
  NOT_FOUND: GrpcStatus.NOT_FOUND,
  CONFLICT: GrpcStatus.ALREADY_EXISTS,
  PRECONDITION_FAILED: GrpcStatus.FAILED_PRECONDITION,
  PAYLOAD_TOO_LARGE: GrpcStatus.RESOURCE_EXHAUSTED,
  UNSUPPORTED_MEDIA_TYPE: GrpcStatus.INVALID_ARGUMENT,
  RATE_LIMITED: GrpcStatus.RESOURCE_EXHAUSTED,
  INTERNAL: GrpcStatus.INTERNAL,
  UNAVAILABLE: GrpcStatus.UNAVAILABLE,
};

export function grpcStatusOf(code: ErrorCode): GrpcStatus {
  return GRPC_STATUS[code];
}

export function toGrpcError(err: unknown): ServiceError {
  const appError = isAppError(err) ? err : (storeUnavailableError(err) ?? new AppError('INTERNAL', GENERIC_INTERNAL));
  const metadata = new Metadata();
  metadata.set(ERROR_CODE_KEY, appError.code);
  if (appError.errors !== undefined) {
    metadata.set(FIELD_ERRORS_KEY, Buffer.from(JSON.stringify(appError.errors), 'utf8'));
  }
  if (appError.retryAfterSeconds !== undefined) {
    metadata.set(RETRY_AFTER_KEY, String(Math.ceil(appError.retryAfterSeconds)));
  }
  const details = appError.code === 'INTERNAL' ? GENERIC_INTERNAL : appError.detail;
  return Object.assign(new Error(details), { code: GRPC_STATUS[appError.code], details, metadata });
}

// Used only when the peer did not send x-error-code (not one of ours, or the sidecar failed).
const FROM_STATUS: Partial<Record<GrpcStatus, ErrorCode>> = {
  [GrpcStatus.INVALID_ARGUMENT]: 'VALIDATION_FAILED',
  [GrpcStatus.OUT_OF_RANGE]: 'VALIDATION_FAILED',
  [GrpcStatus.UNAUTHENTICATED]: 'UNAUTHENTICATED',
  [GrpcStatus.PERMISSION_DENIED]: 'FORBIDDEN',
  [GrpcStatus.NOT_FOUND]: 'NOT_FOUND',
  [GrpcStatus.ALREADY_EXISTS]: 'CONFLICT',
  [GrpcStatus.ABORTED]: 'CONFLICT',
  [GrpcStatus.FAILED_PRECONDITION]: 'PRECONDITION_FAILED',
  [GrpcStatus.RESOURCE_EXHAUSTED]: 'RATE_LIMITED',
  [GrpcStatus.UNAVAILABLE]: 'UNAVAILABLE',
  [GrpcStatus.DEADLINE_EXCEEDED]: 'UNAVAILABLE',
  [GrpcStatus.CANCELLED]: 'UNAVAILABLE',
};

const GENERIC_DETAIL: Record<ErrorCode, string> = {
  VALIDATION_FAILED: 'The request was rejected as invalid by a downstream service',
  UNAUTHENTICATED: 'Authentication required',
  FORBIDDEN: 'Forbidden',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Conflict',
  PRECONDITION_FAILED: 'Precondition failed',
  PAYLOAD_TOO_LARGE: 'Payload too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: GENERIC_INTERNAL,
  UNAVAILABLE: 'A downstream service is unavailable',
};

function firstString(metadata: Metadata | undefined, key: string): string | undefined {
  const value = metadata?.get(key)[0];
  return typeof value === 'string' ? value : undefined;
}

function fieldErrors(metadata: Metadata | undefined): FieldError[] | undefined {
  const raw = metadata?.get(FIELD_ERRORS_KEY)[0];
  if (!Buffer.isBuffer(raw)) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (!Array.isArray(parsed)) return undefined;
    return parsed
      .filter((e): e is FieldError => typeof e?.path === 'string' && typeof e?.message === 'string')
      .map(({ path, message }) => ({ path, message }));
  } catch {
    return undefined;
  }
}

/**
 * Maps a failed call back to an AppError. The peer's details are passed on only when the
 * peer is one of ours (it set x-error-code); otherwise they may be transport internals.
 */
export function fromGrpcError(err: unknown): AppError {
  if (isAppError(err)) return err;
  const { code, details, metadata } = (err ?? {}) as Partial<ServiceError>;
  const sentCode = firstString(metadata, ERROR_CODE_KEY);
  if (isErrorCode(sentCode)) {
    const retryAfter = Number(firstString(metadata, RETRY_AFTER_KEY));
    const errors = fieldErrors(metadata);
    return new AppError(sentCode, details || GENERIC_DETAIL[sentCode], {
      cause: err,
      ...(errors === undefined ? {} : { errors }),
      ...(Number.isFinite(retryAfter) && retryAfter > 0 ? { retryAfterSeconds: retryAfter } : {}),
    });
  }
  const mapped = (code === undefined ? undefined : FROM_STATUS[code]) ?? 'INTERNAL';
  return new AppError(mapped, GENERIC_DETAIL[mapped], { cause: err });
}
