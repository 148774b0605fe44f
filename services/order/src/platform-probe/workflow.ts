import type { WorkflowContext } from '@dapr/dapr';
import { z } from 'zod';
import { defineWorkflow, proxySteps, type Call } from '../checkout/steps';
import type { probeSteps } from './activities';

/**
 * Proves the workflow engine end to end (placement, scheduler, actor state store): two
 * steps with a durable timer between them. Deterministic: no I/O, clock or randomness
 * outside the context, because it is replayed after every step and after a restart.
 */
const platformProbe = defineWorkflow(
  z.strictObject({
    probeId: z.string().min(1).max(100),
    /** A durable timer between the two steps: the window in which a restart is survived. */
    pauseSeconds: z.number().int().min(0).max(60),
  }),
  async function* (ctx: WorkflowContext, input): Call<{ first: string; second: string }> {
    const steps = proxySteps<ReturnType<typeof probeSteps>>(ctx);
    const first = yield* steps.probeStepOne(input.probeId);
    ctx.setCustomStatus('step-one-done');
    if (input.pauseSeconds > 0) yield ctx.createTimer(input.pauseSeconds);
    const second = yield* steps.probeStepTwo(first);
    ctx.setCustomStatus('done');
    return { first, second };
  },
);

export const PROBE_WORKFLOWS = { platformProbeWorkflow: platformProbe } as const;
