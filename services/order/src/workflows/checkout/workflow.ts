import type { Task, WorkflowContext } from '@dapr/dapr';
import { z } from 'zod';
import { CANCELLATION_REASONS } from '../../domain/events';
import { callDurably } from '../durable-retry';

export const CHECKOUT_WORKFLOW = 'checkoutWorkflow';
/** Raised by the payment webhook: `{ approved: boolean }`. */
export const PAYMENT_CONFIRMATION_EVENT = 'payment-confirmation';
/** Raised when the customer cancels a PENDING order: wakes a saga waiting for a confirmation. */
export const CANCELLATION_REQUESTED_EVENT = 'cancellation-requested';
/** One instance per order: starting it twice is the same saga. */
export const checkoutInstanceId = (orderId: string) => `checkout-${orderId}`;

export const checkoutInputSchema = z.strictObject({
  orderId: z.uuid(),
  paymentToken: z.string().min(1).max(200),
  /** How long a payment needing confirmation (3-D Secure) may wait. */
  confirmationTimeoutSeconds: z.number().int().min(1).max(86_400),
});
export type CheckoutInput = z.output<typeof checkoutInputSchema>;

/** What every step answers: `ok: false` means "stop and compensate for this reason". */
export const stepResultSchema = z.object({
  ok: z.boolean(),
  reason: z.enum(CANCELLATION_REASONS).optional(),
  paymentId: z.string().optional(),
  status: z.string().optional(),
});
export type StepResult = z.output<typeof stepResultSchema>;

const confirmationSchema = z.object({ approved: z.boolean() });

/**
 * The checkout saga: reserve → authorise (→ wait for a confirmation) → capture → commit →
 * confirm; any refusal runs one compensation activity (release stock, void or refund, mark
 * CANCELLED), which is idempotent, so replays and restarts compensate once in effect.
 * Deterministic: every effect happens in an activity; the only clock is the durable timer.
 */
// An async generator: the SDK's executor only steps through async iterators.
export async function* checkoutWorkflow(
  ctx: WorkflowContext,
  rawInput: unknown,
): AsyncGenerator<Task<unknown>, unknown, unknown> {
  const parsed = checkoutInputSchema.safeParse(rawInput);
  if (!parsed.success) return { error: 'invalid input' };
  const { orderId, paymentToken, confirmationTimeoutSeconds } = parsed.data;
  const step = (name: string, input: object) => ctx.callActivity(name, { orderId, ...input }) as Task<StepResult>;

  // The provider's payment id, once known: an authorisation not yet recorded on the order
  // (3-D Secure still open) must still be voided by the compensation.
  let paymentId: string | undefined;
  async function* compensate(
    reason: StepResult['reason'],
  ): AsyncGenerator<Task<unknown>, { status: string; reason: string }, unknown> {
    ctx.setCustomStatus(`cancelling:${reason ?? 'checkout_failed'}`);
    const input = { orderId, reason: reason ?? 'checkout_failed', ...(paymentId ? { paymentId } : {}) };
    yield* callDurably(ctx, 'cancelOrder', input);
    return { status: 'CANCELLED', reason: reason ?? 'checkout_failed' };
  }

  try {
    const reserved = (yield step('reserveStock', {})) as StepResult;
    if (!reserved.ok) return yield* compensate(reserved.reason ?? 'out_of_stock');
    ctx.setCustomStatus('stock-reserved');

    const authorized = (yield step('authorizePayment', { paymentToken })) as StepResult;
    if (!authorized.ok) return yield* compensate(authorized.reason ?? 'payment_declined');
    paymentId = authorized.paymentId;
    if (authorized.status === 'requires_confirmation') {
      ctx.setCustomStatus('awaiting-payment-confirmation');
      const confirmation = ctx.waitForExternalEvent(PAYMENT_CONFIRMATION_EVENT);
      const cancellation = ctx.waitForExternalEvent(CANCELLATION_REQUESTED_EVENT);
      const timeout = ctx.createTimer(confirmationTimeoutSeconds);
      const winner = yield ctx.whenAny([confirmation, cancellation, timeout]);
      if (winner === timeout) return yield* compensate('payment_timeout');
      if (winner === cancellation) return yield* compensate('customer_request');
      const answer = confirmationSchema.safeParse(confirmation.getResult());
      if (!answer.success || !answer.data.approved) return yield* compensate('payment_declined');
      const recorded = (yield step('recordAuthorization', { paymentId: authorized.paymentId })) as StepResult;
      if (!recorded.ok) return yield* compensate(recorded.reason ?? 'payment_declined');
    }
    ctx.setCustomStatus('payment-authorized');

    for (const name of ['capturePayment', 'commitStock', 'confirmOrder']) {
      const result = (yield step(name, {})) as StepResult;
      if (!result.ok) return yield* compensate(result.reason);
    }
    ctx.setCustomStatus('confirmed');
    return { status: 'CONFIRMED' };
  } catch {
    // An activity that kept failing after its own retries: give everything back.
    return yield* compensate('checkout_failed');
  }
}
