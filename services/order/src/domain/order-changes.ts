/**
 * Wakes readers waiting for an order to change (GET /v1/orders/{id} with `Prefer: wait=N`).
 * Fed by the order store after every committed append in this process; a change committed by
 * another replica is seen by the waiter's periodic re-read, so waiting is bounded either way.
 */
export interface OrderChanges {
  /** Resolves at the next committed change of the order, or after `timeoutMs`. */
  next(orderId: string, timeoutMs: number): Promise<void>;
  notify(orderId: string): void;
  /** Orders with a waiter (a gauge for tests and operators). */
  waiting(): number;
}

export function createOrderChanges(): OrderChanges {
  const waiters = new Map<string, Set<() => void>>();
  return {
    next(orderId, timeoutMs) {
      return new Promise<void>((resolve) => {
        const set = waiters.get(orderId) ?? new Set();
        waiters.set(orderId, set);
        const done = () => {
          clearTimeout(timer);
          set.delete(done);
          if (set.size === 0 && waiters.get(orderId) === set) waiters.delete(orderId);
          resolve();
        };
        const timer = setTimeout(done, Math.max(0, timeoutMs));
        set.add(done);
      });
    },
    notify(orderId) {
      for (const done of [...(waiters.get(orderId) ?? [])]) done();
    },
    waiting: () => waiters.size,
  };
}
