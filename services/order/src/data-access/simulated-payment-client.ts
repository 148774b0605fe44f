import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { AppError } from '@shop/service-kit';
import type { AuthorizationOutcome, AuthorizeRequest, ChargeOutcome, PaymentProvider } from '../domain/payment';
import {
  createInMemorySimulatorLedger,
  type LedgerUnit,
  type SimulatedPayment,
  type SimulatorLedger,
} from './simulator-ledger-repository';
import { createPgSimulatorLedger } from './simulator-ledger-postgres-repository';

/**
 * A SIMULATED payment provider (no money moves): deterministic test tokens, its own
 * idempotency keys like a real provider's, refunds, and latency/failure injection for tests.
 *   tok_visa    → authorised
 *   tok_decline → declined (card_declined)
 *   tok_3ds     → requires_confirmation; confirm(paymentId, approved) plays the webhook
 * Anything else is declined as invalid_token. Its books are a `SimulatorLedger`: PostgreSQL in
 * the running service (a real provider survives our crash), memory in unit tests.
 */
/**
 * The payment id the simulator gives an authorisation: derived from its idempotency key, so
 * a test acting as the provider's 3-D Secure page (the webhook) can name the payment.
 */
export const simulatedPaymentIdFor = (idempotencyKey: string) =>
  `sim_pay_${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}`;

export interface SimulatedProviderOptions {
  /** Added to every call, to widen race windows in tests. */
  readonly latencyMs?: number;
  /** 0..1: the share of calls that fail with a transient UNAVAILABLE (before any effect). */
  readonly failureRate?: number;
  readonly random?: () => number;
  /** Where the books are kept; default: in memory (lost with the process). */
  readonly ledger?: SimulatorLedger;
  /** Shorthand for `ledger: createPgSimulatorLedger(pool)` (what main.ts passes). */
  readonly pool?: Pool;
}

export type { SimulatedPayment } from './simulator-ledger-repository';

export interface SimulatedPaymentProvider extends PaymentProvider {
  charge(request: AuthorizeRequest): Promise<ChargeOutcome>;
  /** The asynchronous confirmation (3-D Secure) a real provider would send by webhook. */
  confirm(paymentId: string, approved: boolean): Promise<void>;
  /** The next `count` calls of this instance fail transiently. */
  failNext(count: number): void;
  /**
   * Calls that reached the provider with an effect (not replays), as seen by THIS instance in
   * this process: what tests count. Not persisted; the ledger holds the durable truth.
   */
  readonly effects: readonly { operation: string; idempotencyKey: string }[];
  payment(paymentId: string): Promise<SimulatedPayment | undefined>;
}

export function createSimulatedPaymentProvider(options: SimulatedProviderOptions = {}): SimulatedPaymentProvider {
  const ledger =
    options.ledger ?? (options.pool ? createPgSimulatorLedger(options.pool) : createInMemorySimulatorLedger());
  const effects: { operation: string; idempotencyKey: string }[] = [];
  const random = options.random ?? Math.random;
  let failures = 0;

  async function once<T>(operation: string, key: string, effect: (unit: LedgerUnit) => Promise<T>): Promise<T> {
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    // Injected failures come before the ledger is touched: a failed call has no effect.
    if (failures > 0 || random() < (options.failureRate ?? 0)) {
      failures = Math.max(0, failures - 1);
      throw new AppError('UNAVAILABLE', 'The simulated payment provider failed (injected)');
    }
    const { reply, replayed } = await ledger.once(`${operation}:${key}`, effect);
    if (!replayed) effects.push({ operation, idempotencyKey: key });
    return reply;
  }

  /** A new payment: authorised (or, with `capture`, captured at once unless 3-D Secure asks first). */
  const open = (request: AuthorizeRequest, capture: boolean) =>
    once('authorize', request.idempotencyKey, async (unit): Promise<AuthorizationOutcome | ChargeOutcome> => {
      const id = simulatedPaymentIdFor(request.idempotencyKey);
      const state =
        request.token === 'tok_visa'
          ? capture
            ? 'captured'
            : 'authorized'
          : request.token === 'tok_3ds'
            ? 'requires_confirmation'
            : 'declined';
      await unit.put({ id, amount: request.amount, state, refunded: 0 });
      if (state === 'declined') {
        return {
          status: 'declined',
          paymentId: id,
          reason: request.token === 'tok_decline' ? 'card_declined' : 'invalid_token',
        };
      }
      return { status: state, paymentId: id };
    });

  const existing = async (unit: LedgerUnit, paymentId: string) => {
    const p = await unit.get(paymentId);
    if (!p) throw new AppError('NOT_FOUND', `Unknown payment ${paymentId}`);
    return p;
  };

  return {
    name: 'simulated',
    effects,
    payment: (id) => ledger.payment(id),
    async findPayment(idempotencyKey) {
      const found = await ledger.payment(simulatedPaymentIdFor(idempotencyKey));
      return found && { paymentId: found.id, captured: found.state === 'captured' };
    },
    failNext: (count) => void (failures = count),
    confirm: (paymentId, approved) =>
      ledger.change(async (unit) => {
        const p = await existing(unit, paymentId);
        if (p.state === 'requires_confirmation') await unit.put({ ...p, state: approved ? 'authorized' : 'declined' });
      }),
    authorize: (request) => open(request, false) as Promise<AuthorizationOutcome>,
    // Same key as authorize: a provider treats "authorise" and "charge" of one key as one payment.
    charge: (request) => open(request, true) as Promise<ChargeOutcome>,
    capture: (request) =>
      once('capture', request.idempotencyKey, async (unit) => {
        const p = await existing(unit, request.paymentId);
        if (p.state !== 'authorized') throw new AppError('CONFLICT', `Payment ${p.id} is ${p.state}, not authorised`);
        if (request.amount > p.amount) throw new AppError('CONFLICT', 'Capture exceeds the authorised amount');
        await unit.put({ ...p, state: 'captured' });
        return { captureId: `sim_cap_${randomUUID()}` };
      }),
    void: (request) =>
      once('void', request.idempotencyKey, async (unit) => {
        const p = await existing(unit, request.paymentId);
        if (p.state === 'captured') throw new AppError('CONFLICT', 'A captured payment is refunded, not voided');
        await unit.put({ ...p, state: 'voided' });
      }),
    refund: (request) =>
      once('refund', request.idempotencyKey, async (unit) => {
        const p = await existing(unit, request.paymentId);
        if (p.state !== 'captured') throw new AppError('CONFLICT', `Payment ${p.id} is ${p.state}, nothing to refund`);
        if (p.refunded + request.amount > p.amount)
          throw new AppError('CONFLICT', 'Refund exceeds the captured amount');
        await unit.put({ ...p, refunded: p.refunded + request.amount });
        return { refundId: `sim_ref_${randomUUID()}` };
      }),
  };
}
