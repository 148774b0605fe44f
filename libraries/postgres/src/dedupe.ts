import type { EventDedupe } from '@shop/service-kit';

/** The one thing the SQL dedupe needs from a driver (pg's Pool.query fits). */
export type SqlQuery = (text: string, values: unknown[]) => Promise<{ rowCount: number | null }>;

/**
 * Event claims in a `processed_events` table (see the services' migrations). A claim is
 * "processing" until complete(); a claim whose lease ran out (its handler crashed) can be
 * taken again, so a crash between claim and complete never loses the event.
 */
export function createSqlDedupe(query: SqlQuery, leaseSeconds = 60): EventDedupe {
  return {
    async claim(eventId, topic) {
      const r = await query(
        `INSERT INTO processed_events (topic, event_id, status, claimed_at) VALUES ($1, $2, 'processing', now())
         ON CONFLICT (topic, event_id) DO UPDATE SET claimed_at = now()
           WHERE processed_events.status = 'processing'
             AND processed_events.claimed_at < now() - make_interval(secs => $3)
         RETURNING 1`,
        [topic, eventId, leaseSeconds],
      );
      return r.rowCount === 1;
    },
    async complete(eventId, topic) {
      await query(
        `UPDATE processed_events SET status = 'done', processed_at = now() WHERE topic = $1 AND event_id = $2`,
        [topic, eventId],
      );
    },
    async release(eventId, topic) {
      await query(`DELETE FROM processed_events WHERE topic = $1 AND event_id = $2 AND status = 'processing'`, [
        topic,
        eventId,
      ]);
    },
  };
}

/**
 * Drops claims completed longer than `retentionSeconds` ago, as Redis's TTL does for auth:
 * a redelivery comes within minutes, so a week of claims is ample, and without this the
 * table grew by one row per event forever (found by the soak, `bench:load -- soak`).
 */
export async function pruneProcessedEvents(query: SqlQuery, retentionSeconds = 7 * 86_400): Promise<number> {
  const r = await query(
    `DELETE FROM processed_events WHERE status = 'done' AND processed_at < now() - make_interval(secs => $1)`,
    [retentionSeconds],
  );
  return r.rowCount ?? 0;
}
