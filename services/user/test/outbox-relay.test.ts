import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { createOutboxRelay, enqueueOutbox, withTransaction, type PendingEvent } from '@shop/postgres';
import { Client, type Pool } from 'pg';
import { registerUser } from '../src/domain/use-cases/registration';
import { captureLogs, PUBSUB, uniqueEmail, userHarness, type Harness } from './support';

jest.setTimeout(30_000);

/** A stand-in for Dapr publishing: records every call, can fail or be slow on demand. */
function recordingPublisher(options: { failFirst?: number; delayMs?: number } = {}) {
  const published: PendingEvent[] = [];
  let failuresLeft = options.failFirst ?? 0;
  return {
    published,
    async publish(event: PendingEvent) {
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('sidecar unavailable');
      }
      published.push(event);
    },
    timesPublished: (id: string) => published.filter((e) => e.id === id).length,
  };
}

async function enqueue(pool: Pool, count: number, topic = 'test.happened') {
  const ids = Array.from({ length: count }, () => `${topic}/${randomUUID()}`);
  await withTransaction(pool, (tx) =>
    enqueueOutbox(
      tx,
      PUBSUB,
      ids.map((id, i) => ({ id, topic, data: { n: i } })),
    ),
  );
  return ids;
}

describe('The transactional outbox relay when PostgreSQL drops its connection', () => {
  let h: Harness;
  const { logger } = captureLogs();
  beforeAll(async () => {
    h = await userHarness('shop_user_unit_outbox_drop');
  });
  afterAll(() => h.close());

  test('When the server terminates the connection while a publish is in flight, then the pass rejects and the process lives on', async () => {
    const [id] = await enqueue(h.pool, 1);
    const admin = new Client({
      connectionString: (h.pool as unknown as { options: { connectionString: string } }).options.connectionString,
    });
    await admin.connect();
    const crashes: unknown[] = [];
    const onUncaught = (err: unknown) => crashes.push(err);
    process.on('uncaughtException', onUncaught);
    const relay = createOutboxRelay({
      pool: h.pool,
      logger,
      publish: async () => {
        // What a server stop does to the relay's open transaction while it awaits the sidecar.
        await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        await new Promise((r) => setTimeout(r, 200));
      },
    });

    await expect(relay.relayOnce()).rejects.toThrow();
    await new Promise((r) => setTimeout(r, 100));
    process.off('uncaughtException', onUncaught);
    await admin.end();

    expect(crashes).toEqual([]);
    const { rows } = await h.pool.query('SELECT sent_at FROM outbox WHERE id = $1', [id]);
    expect(rows).toEqual([{ sent_at: null }]); // rolled back with the connection: it is sent next pass
  });
});

describe('The transactional outbox relay', () => {
  // Its own database: the relay sends whatever is due, and other suites leave events behind.
  let h: Harness;
  const { logger } = captureLogs();
  beforeAll(async () => {
    h = await userHarness('shop_user_unit_outbox');
  });
  beforeEach(() => h.pool.query('DELETE FROM outbox'));
  afterAll(() => h.close());

  test('When a registration commits, then the relay publishes user.registered once with the outbox id as CloudEvent id and marks it sent', async () => {
    const publisher = recordingPublisher();
    const relay = createOutboxRelay({ pool: h.pool, publish: publisher.publish, logger });
    const user = await registerUser(h.deps, {
      email: uniqueEmail('relay'),
      password: 'relay password 1',
      name: 'Relay',
    });

    await relay.relayOnce();
    await relay.relayOnce();

    const id = `user.registered/${user.id}`;
    expect(publisher.timesPublished(id)).toBe(1);
    expect(publisher.published[0]).toMatchObject({
      id,
      pubsubName: PUBSUB,
      topic: 'user.registered',
      data: { userId: user.id },
    });
    const { rows } = await h.pool.query('SELECT sent_at, attempts FROM outbox WHERE id = $1', [id]);
    expect(rows[0].sent_at).toBeInstanceOf(Date);
    expect(rows[0].attempts).toBe(0);
  });

  test('When a transaction rolls back, then its events are never published', async () => {
    const publisher = recordingPublisher();
    const relay = createOutboxRelay({ pool: h.pool, publish: publisher.publish, logger });
    const id = `test.rolled-back/${randomUUID()}`;

    await expect(
      withTransaction(h.pool, async (tx) => {
        await enqueueOutbox(tx, PUBSUB, [{ id, topic: 'test.rolled-back', data: {} }]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await relay.relayOnce();

    expect(publisher.published).toHaveLength(0);
  });

  test('When publishing fails, then the event stays unsent with a backoff, and a later pass sends it exactly once', async () => {
    const publisher = recordingPublisher({ failFirst: 1 });
    const relay = createOutboxRelay({ pool: h.pool, publish: publisher.publish, logger, backoffBaseMs: 200 });
    const [id] = await enqueue(h.pool, 1);

    expect(await relay.relayOnce()).toBe(0);
    const failed = (
      await h.pool.query(
        'SELECT sent_at, attempts, last_error, next_attempt_at > now() AS later FROM outbox WHERE id = $1',
        [id],
      )
    ).rows[0];
    expect(failed).toMatchObject({ sent_at: null, attempts: 1, last_error: 'sidecar unavailable', later: true });
    expect(await relay.relayOnce()).toBe(0); // not due yet

    await new Promise((r) => setTimeout(r, 250));
    expect(await relay.relayOnce()).toBe(1);
    expect(publisher.timesPublished(id!)).toBe(1);
  });

  test('When two relay instances run at the same time, then every event is published exactly once', async () => {
    const publisher = recordingPublisher({ delayMs: 5 });
    const relays = [1, 2].map(() =>
      createOutboxRelay({ pool: h.pool, publish: publisher.publish, logger, batchSize: 5 }),
    );
    const ids = await enqueue(h.pool, 30);

    const drain = async (relay: (typeof relays)[number]) => {
      while ((await relay.relayOnce()) > 0);
    };
    await Promise.all(relays.map(drain));
    await Promise.all(relays.map(drain));

    expect(ids.map((id) => publisher.timesPublished(id))).toEqual(ids.map(() => 1));
    const { rows } = await h.pool.query('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL');
    expect(rows[0].n).toBe(0);
  });

  test('When the loop runs and is woken after a commit, then events go out promptly, the metrics count them, and stop() ends it', async () => {
    const publisher = recordingPublisher();
    const registry = new Registry();
    const relay = createOutboxRelay({
      pool: h.pool,
      publish: publisher.publish,
      logger,
      registry,
      pollIntervalMs: 60_000,
    });
    relay.start();
    await new Promise((r) => setTimeout(r, 50)); // the first pass finds nothing

    const ids = await enqueue(h.pool, 3, 'test.woken');
    relay.wake();
    const deadline = Date.now() + 3_000;
    while (publisher.published.length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await relay.stop();

    expect(ids.map((id) => publisher.timesPublished(id))).toEqual([1, 1, 1]);
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/outbox_published_total\{topic="test.woken"\} 3/);
    expect(metrics).toMatch(/outbox_pending_events 0/);
  });
});

describe('The event claims kept for de-duplication', () => {
  let h: Harness;
  const { logger } = captureLogs();
  beforeAll(async () => {
    h = await userHarness('shop_user_unit_dedupe_retention');
  });
  afterAll(() => h.close());

  test('When the relay runs, then claims done longer ago than the retention are dropped and newer or open ones kept', async () => {
    const [old, recent, open] = [randomUUID(), randomUUID(), randomUUID()];
    await h.pool.query(
      `INSERT INTO processed_events (topic, event_id, status, claimed_at, processed_at) VALUES
         ('t', $1, 'done', now() - interval '8 days', now() - interval '8 days'),
         ('t', $2, 'done', now() - interval '1 day', now() - interval '1 day'),
         ('t', $3, 'processing', now() - interval '8 days', NULL)`,
      [old, recent, open],
    );
    const relay = createOutboxRelay({ pool: h.pool, publish: async () => undefined, logger, pollIntervalMs: 50 });

    relay.start();
    await new Promise((r) => setTimeout(r, 500));
    await relay.stop();

    const { rows } = await h.pool.query('SELECT event_id FROM processed_events WHERE event_id = ANY($1)', [
      [old, recent, open],
    ]);
    expect(rows.map((r) => r.event_id).sort()).toEqual([recent, open].sort());
  });
});
