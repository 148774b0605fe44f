import { context, propagation } from '@opentelemetry/api';

/** An event to publish once the surrounding transaction commits. */
export interface OutboxEvent {
  /**
   * Becomes the CloudEvent id. Derive it from the fact (`user.deleted/<id>`,
   * `user.updated/<id>/v<version>`): the same fact written twice stays one event, and
   * subscribers de-duplicate re-sends by it.
   */
  readonly id: string;
  readonly topic: string;
  readonly data: object;
}

/** An outbox row the relay hands to its publisher. */
export interface PendingEvent {
  readonly id: string;
  readonly pubsubName: string;
  readonly topic: string;
  readonly data: object;
  readonly traceparent: string | undefined;
  /** Failed attempts so far. */
  readonly attempts: number;
}

/** What enqueueOutbox needs: a pg client inside the caller's open transaction. */
export interface SqlExecutor {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/**
 * Writes events into the outbox through the caller's transaction client, so they commit (and
 * later get published) exactly when the change they describe commits. A row with the same
 * id is left alone: the fact is already recorded.
 */
export async function enqueueOutbox(
  tx: SqlExecutor,
  pubsubName: string,
  events: readonly OutboxEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  const traceparent = carrier['traceparent'] ?? null;
  const values: unknown[] = [];
  const rows = events.map((event, i) => {
    values.push(event.id, pubsubName, event.topic, JSON.stringify(event.data), traceparent);
    const p = i * 5;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::jsonb, $${p + 5})`;
  });
  await tx.query(
    `INSERT INTO outbox (id, pubsub_name, topic, payload, traceparent) VALUES ${rows.join(', ')}
     ON CONFLICT (id) DO NOTHING`,
    values,
  );
}
