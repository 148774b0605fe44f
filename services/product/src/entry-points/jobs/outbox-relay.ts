import type { Logger, Stoppable } from '@shop/service-kit';
import type { EventRelay } from '../../domain/event-relay';

const BATCH = 100;

/**
 * The outbox relay loop. Writes flush their own product at once (EventRelay.flush); this
 * loop picks up whatever that left behind — a publish that failed, a process that crashed
 * between write and publish, another replica's leftovers — every `pollMs`, or when the
 * backoff after a failure is over, and straight away again while a full batch came back.
 */
export function startOutboxRelay(
  relay: EventRelay,
  logger: Logger,
  pollMs = 1_000,
  // Housekeeping on the same loop every 10 minutes: the event claims past their retention.
  pruneClaims: () => Promise<void> = async () => undefined,
): Stoppable {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let lastPrune = 0;

  async function prune(): Promise<void> {
    if (Date.now() - lastPrune < 10 * 60_000) return;
    lastPrune = Date.now();
    await pruneClaims();
  }

  function schedule(ms: number): void {
    if (stopped) return;
    timer = setTimeout(tick, ms);
    timer.unref();
  }

  function tick(): void {
    running = relay
      .relayPending(BATCH)
      .then(async (visited) => {
        await prune();
        return visited >= BATCH ? 0 : pollMs;
      })
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
