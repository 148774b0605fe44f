import { AsyncLocalStorage } from 'node:async_hooks';
import { context as otelContext } from '@opentelemetry/api';

export interface RequestContext {
  readonly requestId: string;
  /** Set once the caller is authenticated (setCurrentUserId); logs then carry it. Never a token or email. */
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** The request's context object itself (its userId may be set later in the request). */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentUserId(): string | undefined {
  return storage.getStore()?.userId;
}

/**
 * Records the authenticated user in the current request's context. Mutates the request's own
 * context object (each request gets a fresh one), so every later log line of the request,
 * including the access log written at the end, carries the user id. false without a context.
 */
export function setCurrentUserId(userId: string): boolean {
  const store = storage.getStore();
  if (!store) return false;
  store.userId = userId;
  return true;
}

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** An incoming id is only trusted when short and plain, so it can't inject into logs or headers. */
export function isSafeRequestId(value: unknown): value is string {
  return typeof value === 'string' && SAFE_ID.test(value);
}

/**
 * Takes the current request and trace context now and returns a wrapper that runs a callback
 * inside it later (socket and stream events fire outside it). Cheaper than AsyncResource.bind
 * per callback: nothing is registered with async_hooks until a wrapped callback runs.
 */
export function captureContext(): <A extends unknown[]>(fn: (...args: A) => void) => (...args: A) => void {
  const ctx = storage.getStore();
  const active = otelContext.active();
  return (fn) =>
    (...args) =>
      otelContext.with(active, () => (ctx ? storage.run(ctx, () => fn(...args)) : fn(...args)));
}
