import type { WorkflowContext } from '@dapr/dapr';
import { z } from 'zod';
import { HAPPY_PATH_STEPS } from './workflow';
import { defineWorkflow, proxySteps, type Call } from './steps';

/**
 * Dapr's own floor for the saga: a bare workflow of as many sequential steps as the saga's
 * happy path, doing no I/O (and, for the 3-D Secure scenario, one external event after the
 * first), run by the same worker on the same sidecar as the saga. `npm run bench -w
 * @shop/order` prints the saga's cost as a ratio to it, so the figure means the same on any
 * machine.
 */
export const floorSteps = {
  /** No I/O: only a result carried to the next step, as the saga's are. */
  checkoutFloorStep: (carried: number): number => carried + 1,
};

export const FLOOR_EVENT = 'floor-confirmation';
export const FLOOR_AWAITING = 'awaiting-floor-event';

const floor = defineWorkflow(
  z.strictObject({
    activities: z.number().int().min(1).max(20),
    waitForEvent: z.boolean().default(false),
  }),
  async function* (ctx: WorkflowContext, { activities, waitForEvent }): Call<{ steps: number }> {
    const steps = proxySteps<typeof floorSteps>(ctx);
    let carried = 0;
    for (let i = 0; i < activities; i += 1) {
      carried = yield* steps.checkoutFloorStep(carried);
      if (i === 0 && waitForEvent) {
        ctx.setCustomStatus(FLOOR_AWAITING);
        yield ctx.waitForExternalEvent(FLOOR_EVENT);
      }
    }
    return { steps: carried };
  },
);

export const FLOOR_WORKFLOWS = { checkoutFloorWorkflow: floor } as const;
export const FLOOR_WORKFLOW: keyof typeof FLOOR_WORKFLOWS = 'checkoutFloorWorkflow';

/** The saga's happy-path steps (card; 3-D Secure): the floor runs as many. */
export const SAGA_ACTIVITIES = HAPPY_PATH_STEPS;
