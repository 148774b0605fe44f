import type { Task, WorkflowContext } from '@dapr/dapr';
import { z } from 'zod';
import { callDurably } from '../durable-retry';

export const CANCELLATION_WORKFLOW = 'cancellationWorkflow';
/** One instance per order: a repeated cancel is the same compensation. */
export const cancellationInstanceId = (orderId: string) => `cancellation-${orderId}`;

const inputSchema = z.strictObject({ orderId: z.uuid() });

/**
 * Compensates an order the customer cancelled after its checkout saga had finished
 * (CONFIRMED): the same `cancelOrder` activity the checkout saga compensates with, so stock
 * goes back and the money is refunded by one idempotent step, retried by Dapr until it holds.
 */
export async function* cancellationWorkflow(
  ctx: WorkflowContext,
  rawInput: unknown,
): AsyncGenerator<Task<unknown>, unknown, unknown> {
  const parsed = inputSchema.safeParse(rawInput);
  if (!parsed.success) return { error: 'invalid input' };
  ctx.setCustomStatus('compensating');
  yield* callDurably(ctx, 'cancelOrder', { orderId: parsed.data.orderId, reason: 'customer_request' });
  ctx.setCustomStatus('compensated');
  return { status: 'CANCELLED', reason: 'customer_request' };
}
