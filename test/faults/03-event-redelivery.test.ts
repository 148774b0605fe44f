// Catalog events published while the subscriber's sidecar (order's daprd) is killed with
// SIGKILL and started again three times, some of them published twice with the same
// CloudEvent id: every event's effect happens exactly once (counted in order's
// de-duplication table), none is lost, and the twins are recognised by their id.
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { databaseName, host } from '@shop/topology';
import { publishEvent } from '@shop/service-kit';
import { counter, daprClientOf, PROFILE } from '../support/shop';
import { FULL, record, waitUntil } from '../support/faults';

const EVENTS = FULL ? 10_000 : 600;
const TWINS = EVENTS / 10;
const KILLS = 3;
jest.setTimeout(FULL ? 1_200_000 : 300_000);

const orderDb = new Client({ connectionString: `postgres://postgres@${host}:5432/${databaseName('order', PROFILE)}` });
beforeAll(() => orderDb.connect());
afterAll(() => orderDb.end());

const TOPIC = 'product.price-changed';

async function processed(prefix: string) {
  const { rows } = await orderDb.query<{ n: number; done: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'done')::int AS done FROM processed_events
     WHERE topic = $1 AND starts_with(event_id, $2)`,
    [TOPIC, prefix],
  );
  return rows[0]!;
}

describe("Events redelivered across the subscriber's sidecar crashes", () => {
  test(`When ${EVENTS} catalog events are published while order's sidecar is killed ${KILLS} times, then each is processed exactly once and every twin is recognised`, async () => {
    const { restartSidecar } = await import('../../scripts/lib/stack.mjs');
    const run = randomUUID().slice(0, 8);
    const prefix = `fault-redelivery/${run}/`;
    const id = (i: number) => `${prefix}${i}`;
    // Published by the product side's sidecar, as product's outbox relay does.
    const dapr = daprClientOf('product');
    const duplicatesBefore = await counter('order', 'pubsub_events_total', { topic: TOPIC, outcome: 'duplicate' });
    const publish = async (i: number) => {
      const data = {
        productId: `${prefix}p${i % 50}`,
        oldPrice: 1000,
        newPrice: 1000 + i,
        currency: 'USD',
        changedAt: new Date(Date.now() + i).toISOString(),
      };
      for (let attempt = 0; ; attempt += 1) {
        try {
          return await publishEvent(dapr, 'pubsub', TOPIC, data, { id: id(i) });
        } catch (err) {
          if (attempt >= 20) throw err;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    };

    const started = Date.now();
    const publisher = (async () => {
      const order = [
        ...Array.from({ length: EVENTS }, (_, i) => i),
        ...Array.from({ length: TWINS }, (_, i) => i * 10),
      ];
      for (let at = 0; at < order.length; at += 50) await Promise.all(order.slice(at, at + 50).map(publish));
    })();
    const restarts: number[] = [];
    for (let k = 0; k < KILLS; k += 1) {
      await new Promise((r) => setTimeout(r, FULL ? 15_000 : 3_000));
      const t = Date.now();
      await restartSidecar(PROFILE, 'order', { signal: 'SIGKILL' });
      restarts.push(Date.now() - t);
    }
    await publisher;
    const publishedAfterMs = Date.now() - started;

    // Redis Streams redelivers what a killed sidecar held unacknowledged after its
    // processingTimeout (30 s, components/pubsub.yaml), checked every redeliverInterval (10 s).
    // The twins were published last, so they are delivered last: wait for them too.
    const duplicates = async () =>
      (await counter('order', 'pubsub_events_total', { topic: TOPIC, outcome: 'duplicate' })) - duplicatesBefore;
    await waitUntil(
      async () => (await processed(prefix)).done >= EVENTS && (await duplicates()) >= TWINS,
      FULL ? 600_000 : 150_000,
      1_000,
    ).catch(() => undefined);
    expect(await processed(prefix)).toEqual({ n: EVENTS, done: EVENTS });
    const recognised = await duplicates();
    expect(recognised).toBeGreaterThanOrEqual(TWINS);
    record('event-redelivery', {
      events: EVENTS,
      twins: TWINS,
      sidecarKills: KILLS,
      sidecarRestartMs: restarts,
      publishedAfterMs,
      allProcessedAfterMs: Date.now() - started,
      duplicatesRecognised: recognised,
    });
  });
});
