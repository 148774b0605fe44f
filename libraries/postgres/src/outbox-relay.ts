import { pruneProcessedEvents } from './dedupe';
import type { Pool } from 'pg';
import type { Registry } from 'prom-client';
import type { Logger, Stoppable } from '@shop/service-kit';
import { periodic } from '@shop/service-kit/periodic';
import { backoffDelay } from '@shop/service-kit/retry';
import type { PendingEvent } from './outbox';
import { outboxMetrics, withTimeout } from './outbox-support';

export interface OutboxRelayOptions {
  readonly pool: Pool;
  /** Publishes one event; throw to have it retried with backoff. See publishThroughDapr. */
  readonly publish: (event: PendingEvent) => Promise<void>;
  readonly logger: Logger;
  /** Registers the outbox_* metrics in the service's registry. */
  readonly registry?: Registry;
  /** How often the table is polled when nobody calls wake(). */
  readonly pollIntervalMs?: number;
  readonly batchSize?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  /** Sent rows are kept this long (for operators and audits), then deleted. */
  readonly retentionMs?: number;
  /** A publish that hangs (sidecar stuck) must not hold the row locks forever. */
  readonly publishTimeoutMs?: number;
}

export interface OutboxRelay extends Stoppable {
  /** Starts the polling loop. */
  start(): void;
  /** Asks for a pass now, e.g. right after a transaction that wrote events committed. */
  wake(): void;
  /** One pass over due events; resolves with how many were sent. Tests call it directly. */
  relayOnce(): Promise<number>;
}

interface Row {
  id: string;
  pubsub_name: string;
  topic: string;
  payload: object;
  traceparent: string | null;
  attempts: number;
}

/**
 * Relays the outbox to pub/sub. Each pass locks due rows with FOR UPDATE SKIP LOCKED, so
 * several instances share the work without sending one row twice; a row is marked sent in
 * the same transaction after its publish succeeded. A crash in between re-sends it later
 * (at least once; subscribers de-duplicate by the id). A failed publish is retried with
 * exponential backoff and ends the pass: the sidecar is most likely down for the rest too.
 */
export function createOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const { pool, publish, logger } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 50;
  const backoffBaseMs = options.backoffBaseMs ?? 500;
  const backoffMaxMs = options.backoffMaxMs ?? 60_000;
  const retentionMs = options.retentionMs ?? 7 * 24 * 3600_000;
  const publishTimeoutMs = options.publishTimeoutMs ?? 10_000;
  const metrics = outboxMetrics(options.registry, pool);

  let lastPrune = 0;

  const backoffSeconds = (attempts: number) =>
    backoffDelay(attempts, { initialMs: backoffBaseMs, maxMs: backoffMaxMs }) / 1000;

  async function relayOnce(): Promise<number> {
    const client = await pool.connect();
    let sent = 0;
    let broken = false;
    // The transaction awaits the sidecar (publish): if the server drops the connection then,
    // pg emits 'error' on the checked-out client, which kills the process without a listener
    // (seen when PostgreSQL stopped under load); the next query rejects instead.
    const dropped = () => (broken = true);
    client.on('error', dropped);
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<Row>(
        `SELECT id, pubsub_name, topic, payload, traceparent, attempts FROM outbox
          WHERE sent_at IS NULL AND next_attempt_at <= now()
          ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [batchSize],
      );
      for (const row of rows) {
        const event = {
          id: row.id,
          pubsubName: row.pubsub_name,
          topic: row.topic,
          data: row.payload,
          traceparent: row.traceparent ?? undefined,
          attempts: row.attempts,
        };
        try {
          await withTimeout(publish(event), publishTimeoutMs);
        } catch (err) {
          const delay = backoffSeconds(row.attempts + 1);
          const reason = err instanceof Error ? err.message.slice(0, 500) : 'publish failed';
          await client.query(
            `UPDATE outbox SET attempts = attempts + 1, last_error = $2,
               next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1`,
            [row.id, reason, delay],
          );
          metrics.failed.inc({ topic: row.topic });
          logger.warn('outbox publish failed, will retry', {
            eventId: row.id,
            topic: row.topic,
            attempts: row.attempts + 1,
            retryInSeconds: delay,
            err,
          });
          break;
        }
        await client.query('UPDATE outbox SET sent_at = now(), last_error = NULL WHERE id = $1', [row.id]);
        metrics.published.inc({ topic: row.topic });
        sent += 1;
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => (broken = true));
      throw err;
    } finally {
      client.off('error', dropped);
      client.release(broken);
    }
    if (sent > 0) logger.debug('outbox events published', { count: sent });
    return sent;
  }

  async function prune(): Promise<void> {
    if (Date.now() - lastPrune < 10 * 60_000) return;
    lastPrune = Date.now();
    await pool.query('DELETE FROM outbox WHERE sent_at < now() - make_interval(secs => $1)', [retentionMs / 1000]);
    // The relay is the periodic job every PostgreSQL service runs: the event claims' retention too.
    await pruneProcessedEvents((text, values) => pool.query(text, values), retentionMs / 1000);
  }

  const job = periodic(
    'outbox relay pass',
    async () => {
      const sent = await relayOnce();
      await prune();
      return sent;
    },
    {
      logger,
      intervalMs: pollIntervalMs,
      firstDelayMs: 0,
      // A full batch means more may be waiting; after a failure, not sooner than every 2 s.
      nextDelayMs: (sent, outcome) =>
        outcome === 'failed' ? Math.max(pollIntervalMs, 2_000) : sent === batchSize ? 0 : pollIntervalMs,
      ...(options.registry ? { metrics: { registry: options.registry } } : {}),
    },
  );

  return {
    name: 'outbox relay',
    start: () => job.start(),
    wake: () => job.wake(),
    relayOnce,
    stop: () => job.stop(),
  };
}
