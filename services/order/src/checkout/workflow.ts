import type { WorkflowContext } from '@dapr/dapr';
import { z } from 'zod';
import type { CancellationReason } from '../domain/events';
import type { CheckoutSteps } from './activities';
import { defineWorkflow, durably, proxySteps, type Call } from './steps';

/** The events a saga waits for, with what they carry. */
export const SAGA_EVENTS = {
  /** Raised by the payment webhook (3-D Secure answered). */
  paymentConfirmation: { name: 'payment-confirmation', payload: z.object({ approved: z.boolean() }) },
  /** Raised when the customer cancels a PENDING order: wakes a saga waiting for a confirmation. */
  cancellationRequested: { name: 'cancellation-requested', payload: z.object({}) },
} as const;
export type SagaEvent = keyof typeof SAGA_EVENTS;

/** Custom statuses the sweeps read. */
export const AWAITING_CONFIRMATION = 'awaiting-payment-confirmation';

/**
 * A forward step's durable retries (after its own in-process ones): a failure after the
 * provider charged must be retried until the charge is recorded (then refunded if need be),
 * not compensated blind, and a store that refused a connection for a moment must not cancel
 * the order; short enough that a broken peer still ends in a compensation within two minutes.
 */
export const STEP_RETRY_SECONDS = [1, 2, 5, 10, 30, 60] as const;

const checkoutInput = z.strictObject({
  orderId: z.uuid(),
  paymentToken: z.string().min(1).max(200),
  /** How long a payment needing confirmation (3-D Secure) may wait. */
  confirmationTimeoutSeconds: z.number().int().min(1).max(86_400),
});
export type CheckoutInput = z.output<typeof checkoutInput>;
export type SagaOutcome = { status: 'CONFIRMED' } | { status: 'CANCELLED'; reason: CancellationReason };

/**
 * The checkout saga. Happy path, two steps: reserveStock → payAndConfirm (charge, commit,
 * confirm). 3-D Secure: payAndConfirm answers "requires confirmation", the saga waits for the
 * webhook's event, a cancel, or its durable timer, then payAndConfirm again captures.
 * Any refusal runs the one compensation (cancelOrder: release, void or refund, CANCELLED),
 * idempotent, so replays and restarts compensate once in effect. Deterministic: every effect
 * happens in a step; the only clock is the durable timer.
 */
export const checkout = defineWorkflow(
  checkoutInput,
  async function* (ctx: WorkflowContext, { orderId, paymentToken, confirmationTimeoutSeconds }): Call<SagaOutcome> {
    const steps = proxySteps<CheckoutSteps>(ctx);
    // The provider's payment id, once known: an authorisation not yet recorded on the order
    // (3-D Secure still open) must still be voided by the compensation.
    let paymentId: string | undefined;
    async function* compensate(reason: CancellationReason): Call<SagaOutcome> {
      ctx.setCustomStatus(`cancelling:${reason}`);
      yield* durably(ctx, steps.cancelOrder, { orderId, reason, ...(paymentId ? { paymentId } : {}) });
      return { status: 'CANCELLED', reason };
    }

    let reserved;
    try {
      reserved = yield* durably(ctx, steps.reserveStock, { orderId }, STEP_RETRY_SECONDS);
    } catch {
      return yield* compensate('checkout_failed'); // kept failing after all its retries
    }
    if (!reserved.ok) return yield* compensate(reserved.reason);
    ctx.setCustomStatus('stock-reserved');

    let paid;
    try {
      paid = yield* durably(ctx, steps.payAndConfirm, { orderId, paymentToken }, STEP_RETRY_SECONDS);
      if (paid.ok && paid.status === 'requires_confirmation') {
        paymentId = paid.paymentId;
        ctx.setCustomStatus(AWAITING_CONFIRMATION);
        const confirmation = ctx.waitForExternalEvent(SAGA_EVENTS.paymentConfirmation.name);
        const cancellation = ctx.waitForExternalEvent(SAGA_EVENTS.cancellationRequested.name);
        const timeout = ctx.createTimer(confirmationTimeoutSeconds);
        const winner = yield ctx.whenAny([confirmation, cancellation, timeout]);
        if (winner === timeout) return yield* compensate('payment_timeout');
        if (winner === cancellation) return yield* compensate('customer_request');
        const answer = SAGA_EVENTS.paymentConfirmation.payload.safeParse(confirmation.getResult());
        if (!answer.success || !answer.data.approved) return yield* compensate('payment_declined');
        ctx.setCustomStatus('payment-approved');
        const approved = { orderId, paymentToken, approvedPaymentId: paid.paymentId };
        paid = yield* durably(ctx, steps.payAndConfirm, approved, STEP_RETRY_SECONDS);
      }
    } catch {
      return yield* compensate('checkout_failed');
    }
    if (!paid.ok) {
      paymentId = paid.paymentId ?? paymentId;
      return yield* compensate(paid.reason);
    }
    if (paid.status !== 'confirmed') return yield* compensate('checkout_failed');
    ctx.setCustomStatus('confirmed');
    return { status: 'CONFIRMED' };
  },
);

/**
 * Compensates an order the customer cancelled after its checkout saga had finished
 * (CONFIRMED): the same cancelOrder step the checkout saga compensates with, so stock goes
 * back and the money is refunded by one idempotent step, retried on durable timers.
 */
export const cancellation = defineWorkflow(
  z.strictObject({ orderId: z.uuid() }),
  async function* (ctx: WorkflowContext, { orderId }): Call<SagaOutcome> {
    const steps = proxySteps<CheckoutSteps>(ctx);
    ctx.setCustomStatus('compensating');
    yield* durably(ctx, steps.cancelOrder, { orderId, reason: 'customer_request' });
    ctx.setCustomStatus('compensated');
    return { status: 'CANCELLED', reason: 'customer_request' };
  },
);

/** The order's workflows by the name the engine knows them by (kept across releases: running instances replay under it). */
export const WORKFLOWS = { checkoutWorkflow: checkout, cancellationWorkflow: cancellation } as const;

/** The happy path's step count, for the floor benchmark: card, and card with 3-D Secure. */
export const HAPPY_PATH_STEPS = { card: 2, threeDSecure: 3 } as const;
