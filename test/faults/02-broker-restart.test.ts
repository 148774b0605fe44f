// Redis, the pub/sub broker, killed (SIGKILL) and started again while the outboxes publish:
// every event an outbox accepted (its write answered 200) is delivered and processed once.
// The broker is the suite's own redis-server (the machine's is shared); it persists every
// write (append-only file), as the cluster's broker does: see docs/architecture.md.
import { databaseName, host } from '@shop/topology';
import { Client } from 'pg';
import { PROFILE } from '../support/shop';
import { call, insertProduct, shopStores } from '../support/shopper';
import { FULL, record, waitUntil } from '../support/faults';

const PRODUCTS = FULL ? 10 : 4;
const CHANGES = FULL ? 20 : 6;
jest.setTimeout(240_000);

const stores = shopStores();
const orderDb = new Client({ connectionString: `postgres://postgres@${host}:5432/${databaseName('order', PROFILE)}` });
beforeAll(() => Promise.all([stores.open(), orderDb.connect()]));
afterAll(() => Promise.all([stores.close(), orderDb.end()]));

/** Price changes of these products that order has processed (its de-duplication table). */
async function processed(productIds: string[]) {
  const { rows } = await orderDb.query<{ n: number; done: number }>(
    `SELECT count(*)::int AS n, count(*) FILTER (WHERE status = 'done')::int AS done FROM processed_events
     WHERE topic = 'product.price-changed' AND split_part(event_id, '/', 2) = ANY($1)`,
    [productIds],
  );
  return rows[0]!;
}

describe('The broker restarted with events in flight', () => {
  test('When Redis is killed and started again while price changes are published, then order processes every accepted change exactly once', async () => {
    const { stopInfrastructure, startInfrastructureProcess } = await import('../../scripts/lib/stack.mjs');
    const admin = await call('POST', '/v1/auth/login', undefined, {
      email: 'admin@shop.local',
      password: 'ChangeMe-Admin-123!',
    });
    const token = admin.body['accessToken'] as string;
    const productIds = await Promise.all(Array.from({ length: PRODUCTS }, () => insertProduct(stores.mongo, 5, 1000)));

    let accepted = 0;
    const change = async (id: string, price: number) => {
      // A careful client: an answer that is not 200 (auth or the broker away) is tried again.
      for (let attempt = 0; attempt < 60; attempt += 1) {
        const r = await call('PATCH', `/v1/products/${id}`, token, { price });
        if (r.status === 200) return void (accepted += 1);
        await new Promise((res) => setTimeout(res, 500));
      }
      throw new Error(`price change of ${id} never accepted`);
    };
    const writers = Promise.all(
      productIds.map(async (id) => {
        for (let i = 1; i <= CHANGES; i += 1) {
          await change(id, 1000 + i);
          await new Promise((res) => setTimeout(res, 150));
        }
      }),
    );

    await waitUntil(async () => accepted >= (PRODUCTS * CHANGES) / 3, 60_000, 50);
    const killedAt = Date.now();
    await stopInfrastructure(PROFILE, 'broker-redis', { signal: 'SIGKILL' });
    await new Promise((res) => setTimeout(res, 3_000));
    await startInfrastructureProcess(PROFILE, 'broker-redis');
    const backAt = Date.now();
    await writers;

    const total = PRODUCTS * CHANGES;
    await waitUntil(async () => (await processed(productIds)).done === total, 90_000, 500).catch(() => undefined);
    const final = await processed(productIds);
    expect(final).toEqual({ n: total, done: total });
    record('broker-restart', {
      events: total,
      acceptedBeforeKill: 'a third',
      brokerDownMs: backAt - killedAt,
      allProcessedAfterMs: Date.now() - backAt,
    });
  });
});
