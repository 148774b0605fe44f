import type { Logger, Stoppable } from '@shop/service-kit';
import type { EventRelay } from '../../domain/event-relay';

const BATCH = 100;

/**
 * The outbox relay loop. Writes flush their own product at once (EventRelay.flush); this
 * loop picks up whatever that left behind — a publish that failed, a process that crashed
 * between write and publish, another replica's leftovers — every `pollMs`, or when the
 * backoff after a failure is over, and straight away again while a full batch came back.
 */
export function startOutboxRelay(relay: EventRelay, logger: Logger, pollMs = 1_000): Stoppable {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  function schedule(ms: number): void {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  }

  function tick(): void {
    running = relay
      .relayPending(BATCH)
      .then((visited) => (visited >= BATCH ? 0 : pollMs))
      .catch((err: unknown) => {
        logger.warn('outbox relay pass failed', { err });
        return Math.max(pollMs, 2_000);
      })
      .then((next) => {
        running = undefined;
        schedule(Math.max(next, relay.retryInMs()));
      });
  }

  schedule(0);
  return {
    name: 'outbox-relay',
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
