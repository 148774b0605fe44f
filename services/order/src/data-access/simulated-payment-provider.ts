import { createHash, randomUUID } from 'node:crypto';
import { AppError } from '@shop/service-kit';
import type { AuthorizationOutcome, PaymentProvider } from '../domain/payment';

/**
 * A SIMULATED payment provider (no money moves): deterministic test tokens, its own
 * idempotency keys like a real provider's, refunds, and latency/failure injection for tests.
 *   tok_visa    → authorised
 *   tok_decline → declined (card_declined)
 *   tok_3ds     → requires_confirmation; confirm(paymentId, approved) plays the webhook
 * Anything else is declined as invalid_token. State is in memory: it is a stand-in for an
 * external system, not a store of this service.
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
}

interface Payment {
  id: string;
  amount: number;
  state: 'authorized' | 'declined' | 'requires_confirmation' | 'captured' | 'voided';
  refunded: number;
}

export interface SimulatedPaymentProvider extends PaymentProvider {
  /** The asynchronous confirmation (3-D Secure) a real provider would send by webhook. */
  confirm(paymentId: string, approved: boolean): void;
  /** The next `count` calls fail transiently. */
  failNext(count: number): void;
  /** Calls that reached the provider with an effect (not replays): what tests count. */
  readonly effects: readonly { operation: string; idempotencyKey: string }[];
  payment(paymentId: string): Readonly<Payment> | undefined;
}

export function createSimulatedPaymentProvider(options: SimulatedProviderOptions = {}): SimulatedPaymentProvider {
  const payments = new Map<string, Payment>();
  const replies = new Map<string, unknown>(); // idempotency key → first answer
  const effects: { operation: string; idempotencyKey: string }[] = [];
  const random = options.random ?? Math.random;
  let failures = 0;

  async function once<T>(operation: string, key: string, effect: () => T): Promise<T> {
    if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
    if (failures > 0 || random() < (options.failureRate ?? 0)) {
      failures = Math.max(0, failures - 1);
      throw new AppError('UNAVAILABLE', 'The simulated payment provider failed (injected)');
    }
    const scoped = `${operation}:${key}`;
    if (replies.has(scoped)) return replies.get(scoped) as T;
    const reply = effect();
    replies.set(scoped, reply);
    effects.push({ operation, idempotencyKey: key });
    return reply;
  }

  const existing = (paymentId: string) => {
    const p = payments.get(paymentId);
    if (!p) throw new AppError('NOT_FOUND', `Unknown payment ${paymentId}`);
    return p;
  };

  return {
    name: 'simulated',
    effects,
    payment: (id) => payments.get(id),
    failNext: (count) => void (failures = count),
    confirm(paymentId, approved) {
      const p = existing(paymentId);
      if (p.state === 'requires_confirmation') p.state = approved ? 'authorized' : 'declined';
    },
    authorize: (request) =>
      once('authorize', request.idempotencyKey, (): AuthorizationOutcome => {
        const id = simulatedPaymentIdFor(request.idempotencyKey);
        const state =
          request.token === 'tok_visa'
            ? 'authorized'
            : request.token === 'tok_3ds'
              ? 'requires_confirmation'
              : 'declined';
        payments.set(id, { id, amount: request.amount, state, refunded: 0 });
        if (state === 'declined') {
          return {
            status: 'declined',
            paymentId: id,
            reason: request.token === 'tok_decline' ? 'card_declined' : 'invalid_token',
          };
        }
        return { status: state, paymentId: id };
      }),
    capture: (request) =>
      once('capture', request.idempotencyKey, () => {
        const p = existing(request.paymentId);
        if (p.state !== 'authorized') throw new AppError('CONFLICT', `Payment ${p.id} is ${p.state}, not authorised`);
        if (request.amount > p.amount) throw new AppError('CONFLICT', 'Capture exceeds the authorised amount');
        p.state = 'captured';
        return { captureId: `sim_cap_${randomUUID()}` };
      }),
    void: (request) =>
      once('void', request.idempotencyKey, () => {
        const p = existing(request.paymentId);
        if (p.state === 'captured') throw new AppError('CONFLICT', 'A captured payment is refunded, not voided');
        p.state = 'voided';
      }),
    refund: (request) =>
      once('refund', request.idempotencyKey, () => {
        const p = existing(request.paymentId);
        if (p.state !== 'captured') throw new AppError('CONFLICT', `Payment ${p.id} is ${p.state}, nothing to refund`);
        if (p.refunded + request.amount > p.amount)
          throw new AppError('CONFLICT', 'Refund exceeds the captured amount');
        p.refunded += request.amount;
        return { refundId: `sim_ref_${randomUUID()}` };
      }),
  };
}
