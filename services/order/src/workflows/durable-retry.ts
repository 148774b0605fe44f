import type { Task, WorkflowContext } from '@dapr/dapr';

/** Backoff between attempts of a step that must eventually hold (a compensation). */
export const COMPENSATION_DELAYS_SECONDS = [1, 2, 5, 10, 30, 60, 120, 300, 300, 300, 600, 600] as const;

/**
 * Calls an activity until it succeeds, waiting on durable timers between attempts. The SDK's
 * callActivity has no retry policy, and the activity's own in-process retries cover seconds,
 * not a peer that is down for minutes; a compensation that gave up would leave stock held or
 * money taken. Deterministic: the only clock is the durable timer. Throws after the last delay.
 */
export async function* callDurably(
  ctx: WorkflowContext,
  name: string,
  input: object,
  delays: readonly number[] = COMPENSATION_DELAYS_SECONDS,
): AsyncGenerator<Task<unknown>, unknown, unknown> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return yield ctx.callActivity(name, input);
    } catch (err) {
      const delay = delays[attempt];
      if (delay === undefined) throw err;
      ctx.setCustomStatus(`retrying:${name}:${attempt + 1}`);
      yield ctx.createTimer(delay);
    }
  }
}
