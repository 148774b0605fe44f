import type { Logger, Stoppable } from '@shop/service-kit';

export interface PeriodicJob extends Stoppable {
  start(): void;
}

/**
 * Runs `pass` every `intervalMs` (the next pass is scheduled when one ends, so passes never
 * overlap); a failed pass is logged and the loop goes on; stop() waits for a running pass.
 * Hand-written because a cron library would add overlap and shutdown handling we need anyway.
 */
export function periodic(
  name: string,
  pass: () => Promise<unknown>,
  options: { logger: Logger; intervalMs: number; firstDelayMs?: number },
): PeriodicJob {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running = pass()
      .catch((err: unknown) => options.logger.warn(`${name} failed`, { err }))
      .finally(() => {
        running = undefined;
        if (timer) timer = setTimeout(tick, options.intervalMs);
      });
  };
  return {
    name,
    start() {
      timer = setTimeout(tick, options.firstDelayMs ?? options.intervalMs);
    },
    async stop() {
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
