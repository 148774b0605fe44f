// The de-duplication claims behind AppCallback, on the real stores each service uses.
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { createMongoDedupe, createRedisDedupe, type EventDedupe } from '@shop/service-kit';
import { createSqlDedupe } from '@shop/postgres';
import { databaseName, host, infrastructurePorts, redisDb } from '@shop/topology';
import { PROFILE } from '../support/shop';

const LEASE_SECONDS = 1;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const pool = new Pool({ connectionString: `postgres://postgres@${host}:5432/${databaseName('user', PROFILE)}` });
const redis = new Redis({ host, port: 6379, db: redisDb(PROFILE) });
const mongo = new MongoClient(
  `mongodb://${host}:${infrastructurePorts(PROFILE).ferretdb.port}/${databaseName('product', PROFILE)}`,
);

afterAll(async () => {
  await pool.end();
  redis.disconnect();
  await mongo.close();
});

const stores: Array<[string, () => EventDedupe]> = [
  ['PostgreSQL', () => createSqlDedupe((text, values) => pool.query(text, values), LEASE_SECONDS)],
  ['Redis', () => createRedisDedupe(redis, `e2e-${randomUUID()}`, LEASE_SECONDS)],
  ['MongoDB (FerretDB)', () => createMongoDedupe(mongo.db().collection('processed_events'), LEASE_SECONDS)],
];

describe.each(stores)('Event de-duplication on %s', (_name, make) => {
  test('When one event id is claimed twice, then only the first claim wins', async () => {
    const dedupe = make();
    const id = randomUUID();
    expect(await dedupe.claim(id, 'e2e.topic')).toBe(true);
    expect(await dedupe.claim(id, 'e2e.topic')).toBe(false);
    expect(await dedupe.claim(id, 'e2e.other-topic')).toBe(true);
  });

  test('When a handler failed and released its claim, then the redelivery is claimed again', async () => {
    const dedupe = make();
    const id = randomUUID();
    await dedupe.claim(id, 'e2e.topic');
    await dedupe.release!(id, 'e2e.topic');
    expect(await dedupe.claim(id, 'e2e.topic')).toBe(true);
  });

  test('When a handler crashed (lease ran out), then the event can be claimed again, but a completed one cannot', async () => {
    const dedupe = make();
    const crashed = randomUUID();
    const done = randomUUID();
    await dedupe.claim(crashed, 'e2e.topic');
    await dedupe.claim(done, 'e2e.topic');
    await dedupe.complete!(done, 'e2e.topic');
    await sleep(LEASE_SECONDS * 1000 + 300);
    expect(await dedupe.claim(crashed, 'e2e.topic')).toBe(true);
    expect(await dedupe.claim(done, 'e2e.topic')).toBe(false);
  });

  test('When ten deliveries of one event race, then exactly one claim wins', async () => {
    const dedupe = make();
    const id = randomUUID();
    const results = await Promise.all(Array.from({ length: 10 }, () => dedupe.claim(id, 'e2e.race')));
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
