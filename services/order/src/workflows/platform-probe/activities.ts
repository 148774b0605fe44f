import type { WorkflowActivityContext } from '@dapr/dapr';
import type { Logger } from '@shop/service-kit';

/**
 * Two activities of the platform probe workflow. Activities run at least once, so each is
 * a pure function of its input: running one twice gives the same result.
 */
export function probeActivities(logger: Logger) {
  return {
    probeStepOne(ctx: WorkflowActivityContext, probeId: string): string {
      logger.info('probe workflow step one', { probeId, instanceId: ctx.getWorkflowInstanceId() });
      return `one:${probeId}`;
    },
    probeStepTwo(ctx: WorkflowActivityContext, previous: string): string {
      logger.info('probe workflow step two', { previous, instanceId: ctx.getWorkflowInstanceId() });
      return `two:${previous}`;
    },
  };
}
