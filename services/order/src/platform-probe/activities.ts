import type { Logger } from '@shop/service-kit';

/**
 * The two steps of the platform probe workflow (typed like the saga's, see
 * checkout/steps.ts). Activities run at least once, so each is a pure function of its
 * input: running one twice gives the same result.
 */
export function probeSteps(logger: Logger) {
  return {
    probeStepOne(probeId: string): string {
      logger.info('probe workflow step one', { probeId });
      return `one:${probeId}`;
    },
    probeStepTwo(previous: string): string {
      logger.info('probe workflow step two', { previous });
      return `two:${previous}`;
    },
  };
}
