import type { Task, WorkflowContext } from '@dapr/dapr';
import { z } from 'zod';

export const PLATFORM_PROBE_WORKFLOW = 'platformProbeWorkflow';

export const probeInputSchema = z.strictObject({
  probeId: z.string().min(1).max(100),
  /** A durable timer between the two steps: the window in which a restart is survived. */
  pauseSeconds: z.number().int().min(0).max(60),
});

/**
 * Proves the workflow engine end to end (placement, scheduler, actor state store): two
 * activities with a durable timer between them. Deterministic: no I/O, clock or randomness
 * outside the context, because it is replayed after every step and after a restart.
 */
// An async generator: the SDK's executor only steps through async iterators.
export async function* platformProbeWorkflow(
  ctx: WorkflowContext,
  rawInput: unknown,
): AsyncGenerator<Task<unknown>, unknown, unknown> {
  const parsed = probeInputSchema.safeParse(rawInput);
  if (!parsed.success) return { error: 'invalid input', issues: parsed.error.issues.map((i) => i.message) };
  const input = parsed.data;
  const first = (yield ctx.callActivity('probeStepOne', input.probeId)) as string;
  ctx.setCustomStatus('step-one-done');
  if (input.pauseSeconds > 0) yield ctx.createTimer(input.pauseSeconds);
  const second = (yield ctx.callActivity('probeStepTwo', first)) as string;
  ctx.setCustomStatus('done');
  return { first, second };
}
