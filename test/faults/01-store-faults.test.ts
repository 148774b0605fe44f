// Each store made slow (200 ms), then resetting connections, then down (a blackhole: the
// connection is accepted and nothing ever comes back, the harshest kind of outage), all
// through toxiproxy, on a stack of the suite's own. While a store is away the requests that
// need it answer 503 problem+json within their timeout, readiness is red, and breakers open;
// once it is back the shop serves normally within 30 s with no manual step, and every write
// accepted before the fault is still there.
import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { AppName } from '@shop/topology';
import { databaseName } from '@shop/topology';
import { counter, PROFILE, restUrl } from '../support/shop';
import { call, insertProduct, newShopper, shopStores, type Shopper } from '../support/shopper';
import { FULL, faults, record, timed, waitUntil, type StoreProxy } from '../support/faults';

const OUTAGE_MS = FULL ? 30_000 : 8_000;
/**
 * The longest any answer may take while a store is away: half the gateway's 30 s upstream
 * timeout. A store client's own bounds (2-5 s per connect or query) are what keep it there;
 * the first request into a FerretDB outage waits for the driver's socket timeout and its one
 * retry of a read (~13 s), later ones fail at server selection (2 s).
 */
const ANSWER_WITHIN_MS = 15_000;
const RECOVER_WITHIN_MS = 30_000;
jest.setTimeout(OUTAGE_MS + 180_000);

const stores = shopStores();
beforeAll(() => stores.open());
afterAll(async () => {
  await faults.healAll();
  await stores.close();
});
afterEach(() => faults.healAll());

const ready = async (app: AppName) => (await fetch(`${restUrl(app)}/readyz`)).status === 200;
const problem = (r: { status: number; headers: Record<string, unknown> }) =>
  r.status === 503 && String(r.headers['content-type']).startsWith('application/problem+json');

interface Scenario {
  readonly proxy: StoreProxy;
  /** Apps whose /readyz must turn red while the store is away. */
  readonly apps: AppName[];
  /** Writes accepted before the fault; resolves to a check that they are all still there. */
  seed(me: Shopper): Promise<() => Promise<void>>;
  /** One request that cannot be answered without the store. */
  probe(me: Shopper): Promise<{ status: number; headers: Record<string, unknown>; body: Record<string, unknown> }>;
  /** Asserted once the outage has lasted a while (breakers that must have opened). */
  duringOutage?(): Promise<void>;
  /** Asserted once the store is back (breakers closed again). */
  afterRecovery?(): Promise<void>;
}

async function runScenario(name: string, s: Scenario) {
  const me = await newShopper(`Fault ${name}`);
  const verify = await s.seed(me);
  const figures: Record<string, unknown> = { store: name, outageMs: OUTAGE_MS };

  // 1. Slow: every answer still right, only later.
  await s.proxy.slow(200);
  const slow = await Promise.all(Array.from({ length: 5 }, () => timed(() => s.probe(me))));
  expect(slow.map((r) => r.value.status)).toEqual(slow.map(() => 200));
  figures['slowMaxMs'] = Math.max(...slow.map((r) => r.ms));
  await s.proxy.heal();

  // 2. Resetting: a request may fail, but only as a 503 problem, never a 500 or a hang.
  await s.proxy.resetting();
  const resets = [];
  for (let i = 0; i < 8; i += 1) resets.push(await timed(() => s.probe(me)));
  for (const r of resets) {
    expect(
      r.value.status === 200 || problem(r.value) ? 'ok' : `${r.value.status} ${JSON.stringify(r.value.body)}`,
    ).toBe('ok');
    expect(r.ms).toBeLessThan(ANSWER_WITHIN_MS);
  }
  figures['resettingAnswers'] = resets.map((r) => r.value.status);
  await s.proxy.heal();
  await waitUntil(() => Promise.all(s.apps.map(ready)).then((all) => all.every(Boolean)), RECOVER_WITHIN_MS);

  // 3. Down: 503 problems within the bound, readiness red, breakers open.
  const downAt = Date.now();
  await s.proxy.blackhole();
  const answers = [];
  let red = false;
  while (Date.now() - downAt < OUTAGE_MS) {
    const r = await timed(() => s.probe(me));
    answers.push(r);
    if (!red) red = (await Promise.all(s.apps.map(ready))).every((up) => !up);
    await new Promise((res) => setTimeout(res, 500));
  }
  expect(red).toBe(true);
  await s.duringOutage?.();
  const bad = answers.filter((r) => !problem(r.value) || r.ms >= ANSWER_WITHIN_MS);
  expect(bad.map((r) => `${r.value.status} after ${r.ms} ms: ${JSON.stringify(r.value.body)}`)).toEqual([]);
  figures['downAnswers'] = answers.length;
  figures['downAnswerMaxMs'] = Math.max(...answers.map((r) => r.ms));
  figures['downAnswerMedianMs'] = answers.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(answers.length / 2)];

  // 4. Back: served normally within 30 s, nothing lost, no manual step.
  await s.proxy.heal();
  const backAt = Date.now();
  await waitUntil(async () => (await s.probe(me)).status === 200, RECOVER_WITHIN_MS);
  figures['servedAgainAfterMs'] = Date.now() - backAt;
  await waitUntil(() => Promise.all(s.apps.map(ready)).then((all) => all.every(Boolean)), RECOVER_WITHIN_MS);
  figures['readyAgainAfterMs'] = Date.now() - backAt;
  await s.afterRecovery?.();
  await verify();
  record(`store-${name}`, figures);
}

describe('Stores slow, resetting and down (through toxiproxy)', () => {
  test('When PostgreSQL is slow, resets and is down, then user and order answer 503 in time, go red, open the cart breaker, and recover on their own with every write kept', async () => {
    const users = new Client({
      connectionString: `postgres://postgres@127.0.0.1:5432/${databaseName('user', PROFILE)}`,
    });
    await users.connect();
    const productId = await insertProduct(stores.mongo, 50);
    try {
      await runScenario('postgres', {
        proxy: faults.postgres,
        apps: ['user', 'order'],
        async seed(me) {
          const emails = await Promise.all(
            Array.from({ length: 5 }, async () => {
              const email = `fault-${randomUUID()}@example.test`;
              const r = await call('POST', '/v1/users', undefined, {
                email,
                password: `Pw-${randomUUID()}`,
                name: 'Kept',
              });
              expect(r.status).toBe(201);
              return email;
            }),
          );
          expect((await call('PUT', `/v1/cart/items/${productId}`, me.token, { quantity: 2 })).status).toBe(200);
          return async () => {
            const { rows } = await users.query('SELECT count(*)::int AS n FROM users WHERE email = ANY($1)', [emails]);
            expect(rows[0].n).toBe(emails.length);
            const cart = await call('GET', '/v1/cart', me.token);
            expect(cart.body['items']).toEqual([expect.objectContaining({ productId, quantity: 2 })]);
          };
        },
        async probe(me) {
          const [profile, cart] = await Promise.all([
            call('GET', '/v1/users/me', me.token),
            call('GET', '/v1/cart', me.token),
          ]);
          return profile.status !== 200 ? profile : cart;
        },
        async duringOutage() {
          expect(await counter('order', 'shop_circuit_breaker_state', { breaker: 'cart store' })).toBe(2);
        },
        async afterRecovery() {
          expect(await counter('order', 'shop_circuit_breaker_state', { breaker: 'cart store' })).toBe(0);
        },
      });
    } finally {
      await users.end();
    }
  });

  test('When FerretDB is slow, resets and is down, then product answers 503 in time for what needs it, goes red, and recovers on its own with every review kept', async () => {
    const productIds = await Promise.all(Array.from({ length: 12 }, () => insertProduct(stores.mongo, 10)));
    let next = 1;
    await runScenario('ferretdb', {
      proxy: faults.ferretdb,
      apps: ['product'],
      async seed(me) {
        const r = await call('POST', `/v1/products/${productIds[0]}/reviews`, me.token, { rating: 4, title: 'Kept' });
        expect(r.status).toBe(201);
        const reviewId = r.body['id'];
        return async () => {
          const doc = await stores.mongo
            .db()
            .collection('reviews')
            .findOne({ _id: reviewId as never });
          expect(doc).not.toBeNull();
        };
      },
      // A review is written to the store (the catalog's reads come from a read model).
      async probe(me) {
        const id = productIds[next % productIds.length];
        const r = await call('POST', `/v1/products/${id}/reviews`, me.token, { rating: 5 });
        if (r.status === 201) next += 1;
        return r.status === 201 || r.status === 409 ? { ...r, status: 200 } : r;
      },
    });
  });

  test('When Redis is slow, resets and is down, then auth answers 503 in time, goes red, and recovers on its own with every session kept', async () => {
    const password = `Pw-${randomUUID()}`;
    const email = `fault-${randomUUID()}@example.test`;
    expect((await call('POST', '/v1/users', undefined, { email, password, name: 'Redis Fault' })).status).toBe(201);
    await runScenario('redis', {
      proxy: faults.redis,
      apps: ['auth'],
      async seed() {
        const login = await call('POST', '/v1/auth/login', undefined, { email, password });
        expect(login.status).toBe(200);
        const refreshToken = login.body['refreshToken'];
        return async () => {
          const r = await call('POST', '/v1/auth/refresh', undefined, { refreshToken });
          expect(r.status).toBe(200);
        };
      },
      // An unknown refresh token is looked up in Redis (401 once Redis answers). Not a login:
      // one account signing in every half second is what the login limiter stops (429).
      async probe() {
        const r = await call('POST', '/v1/auth/refresh', undefined, {
          refreshToken: randomBytes(32).toString('base64url'),
        });
        return r.status === 401 ? { ...r, status: 200 } : r;
      },
    });
  });
});
