import type { Logger, Metrics, Stoppable } from '@shop/service-kit';
import { periodic } from '@shop/service-kit/periodic';
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
  metrics?: Pick<Metrics, 'registry'>,
): Stoppable {
  let lastPrune = 0;

  async function prune(): Promise<void> {
    if (Date.now() - lastPrune < 10 * 60_000) return;
    lastPrune = Date.now();
    await pruneClaims();
  }

  const job = periodic(
    'outbox relay pass',
    async () => {
      const visited = await relay.relayPending(BATCH);
      await prune();
      return visited;
    },
    {
      logger,
      intervalMs: pollMs,
      firstDelayMs: 0,
      ref: false,
      nextDelayMs: (visited, outcome) => {
        const next = outcome === 'failed' ? Math.max(pollMs, 2_000) : Number(visited) >= BATCH ? 0 : pollMs;
        return Math.max(next, relay.retryInMs());
      },
      ...(metrics ? { metrics } : {}),
    },
  );
  job.start();
  return { name: 'outbox-relay', stop: () => job.stop() };
}
