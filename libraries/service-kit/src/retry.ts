// Transport-free: domain code may retry too (the cart's ETag races). The shop's one way to say
// delays, jitter and which errors retry. The loop is written here rather than taken from
// cockatiel (its retry waits out the current delay after an abort, so a service's stop would
// hang for up to a backoff's maximum) or p-retry (ESM-only, which this CommonJS tree cannot
// load under ts-jest).
import { setTimeout as sleep } from 'node:timers/promises';

/** `equal` keeps half of each step and randomises the other half, so replicas spread out. */
export type Jitter = 'none' | 'full' | 'equal';

export interface Backoff {
  /** The delay before the first retry, before jitter. */
  readonly initialMs: number;
  readonly maxMs: number;
  /** Growth per retry; 1 gives a constant delay, the default 2 doubles. */
  readonly factor?: number;
  readonly jitter?: Jitter;
}

function isDelayList(delays: Delays): delays is readonly number[] {
  return Array.isArray(delays);
}

/** The delay before retry number `retryNumber` (1 for the first retry). */
export function backoffDelay(retryNumber: number, backoff: Backoff, random: () => number = Math.random): number {
  const step = Math.min(backoff.maxMs, backoff.initialMs * (backoff.factor ?? 2) ** Math.min(retryNumber - 1, 30));
  switch (backoff.jitter ?? 'none') {
    case 'full':
      return random() * step;
    case 'equal':
      return step / 2 + random() * (step / 2);
    default:
      return step;
  }
}

/** A backoff, or the waits themselves in order (then one call more than waits, at the most). */
export type Delays = Backoff | readonly number[];

export interface RetryOptions {
  /** Calls at the most, the first included; for a `Backoff` unbounded when left out (stop it with `signal`). */
  readonly attempts?: number;
  readonly backoff: Delays;
  /** Which failures are worth another call; the others are thrown at once. Default: all. */
  readonly retryIf?: (err: unknown) => boolean;
  /** Once aborted, no further call is made and the last failure is thrown. */
  readonly signal?: AbortSignal;
  /** Called before each wait, e.g. to log the failure that is retried. */
  readonly onRetry?: (err: unknown, retryNumber: number, delayMs: number) => void;
}

/**
 * Calls `fn` until it resolves, a failure is not retryable, the attempts are spent or the
 * signal is aborted (a wait in progress ends at once); then throws the last failure. `fn`
 * gets the attempt number (1 first).
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const { backoff, signal } = options;
  const listed = isDelayList(backoff) ? backoff : undefined;
  const attempts = Math.min(options.attempts ?? Infinity, listed ? listed.length + 1 : Infinity);
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (attempt >= attempts || signal?.aborted || !(options.retryIf?.(err) ?? true)) throw err;
      const delayMs = listed ? (listed[attempt - 1] ?? 0) : backoffDelay(attempt, backoff as Backoff);
      options.onRetry?.(err, attempt, delayMs);
      const waited = await sleep(delayMs, true, { signal }).catch(() => false);
      if (!waited) throw err;
    }
  }
}
