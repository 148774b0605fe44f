import type { Pool } from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';
import { publishEvent } from '@shop/service-kit';
import type { PendingEvent } from './outbox';

export function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`publish timed out after ${ms}ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** Publishes with the kit: the outbox id is the CloudEvent id, the stored traceparent its trace. */
export function publishThroughDapr(client: Parameters<typeof publishEvent>[0]): (event: PendingEvent) => Promise<void> {
  return (event) =>
    publishEvent(client, event.pubsubName, event.topic, event.data, {
      id: event.id,
      ...(event.traceparent ? { metadata: { 'cloudevent.traceparent': event.traceparent } } : {}),
    });
}

export function outboxMetrics(registry: Registry | undefined, pool: Pool) {
  const registers = registry ? [registry] : [];
  const pending = new Gauge({
    name: 'outbox_pending_events',
    help: 'Outbox events not yet published',
    registers,
    async collect() {
      // At scrape time; a failing database must not break /metrics.
      const r = await pool
        .query<{ n: string }>('SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL')
        .catch(() => undefined);
      if (r?.rows[0]) this.set(Number(r.rows[0].n));
    },
  });
  return {
    pending,
    published: new Counter({
      name: 'outbox_published_total',
      help: 'Outbox events published',
      labelNames: ['topic'],
      registers,
    }),
    failed: new Counter({
      name: 'outbox_publish_failures_total',
      help: 'Failed outbox publish attempts',
      labelNames: ['topic'],
      registers,
    }),
  };
}
