/**
 * Where the simulated payment provider keeps its books. Split from the provider's logic so the
 * "external" provider can outlive a SIGKILLed order process (PostgreSQL, see
 * simulator-ledger-postgres-repository.ts) while unit tests keep a dependency-free in-memory one.
 */
export type SimulatedPaymentState = 'authorized' | 'declined' | 'requires_confirmation' | 'captured' | 'voided';

export interface SimulatedPayment {
  readonly id: string;
  readonly amount: number;
  readonly state: SimulatedPaymentState;
  readonly refunded: number;
}

/** What an effect sees: reads lock the payment until the unit of work ends; writes are staged. */
export interface LedgerUnit {
  get(paymentId: string): Promise<SimulatedPayment | undefined>;
  put(payment: SimulatedPayment): Promise<void>;
}

export interface SimulatorLedger {
  /**
   * At most once per `scope` (`operation:idempotencyKey`): returns the stored first reply, or
   * runs `effect` and stores its reply in the same unit of work as its writes. Concurrent calls
   * with one scope wait for each other; an effect that throws leaves nothing behind.
   */
  once<T>(scope: string, effect: (unit: LedgerUnit) => Promise<T>): Promise<{ reply: T; replayed: boolean }>;
  /** An unkeyed change (the 3-D Secure confirmation), atomic like `once` but never replayed. */
  change(effect: (unit: LedgerUnit) => Promise<void>): Promise<void>;
  payment(paymentId: string): Promise<SimulatedPayment | undefined>;
}

/**
 * The default ledger: one process's memory. Every unit of work runs alone (a promise-chain
 * mutex), because effects are async now and two identical calls must not both miss the reply;
 * writes are staged and applied only when the effect resolves, so a throw stores nothing.
 */
export function createInMemorySimulatorLedger(): SimulatorLedger {
  const payments = new Map<string, SimulatedPayment>();
  const replies = new Map<string, unknown>();
  let tail: Promise<unknown> = Promise.resolve();

  function serially<T>(work: () => Promise<T>): Promise<T> {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  }

  async function unitOfWork<T>(effect: (unit: LedgerUnit) => Promise<T>, commit: (reply: T) => void): Promise<T> {
    const staged = new Map<string, SimulatedPayment>();
    const reply = await effect({
      get: async (id) => staged.get(id) ?? payments.get(id),
      put: async (p) => void staged.set(p.id, { ...p }),
    });
    for (const [id, p] of staged) payments.set(id, p);
    commit(reply);
    return reply;
  }

  return {
    once: (scope, effect) =>
      serially(async () => {
        if (replies.has(scope)) return { reply: replies.get(scope) as never, replayed: true };
        const reply = await unitOfWork(effect, (r) => replies.set(scope, r));
        return { reply, replayed: false };
      }),
    change: (effect) => serially(() => unitOfWork(effect, () => undefined)),
    payment: async (id) => payments.get(id),
  };
}
