#!/usr/bin/env node
// The checkout saga against Dapr's own floor, in one run on one stack: a bare workflow with
// the saga's number of no-I/O activities, on the order service's sidecar and worker, at the
// same concurrency. Prints each scenario's ratio to the floor and writes JSON under .run/bench/.
//   npm run bench -w @shop/order -- [--profile dev] [--runs 3] [--scenarios solo,many,hot,3ds]
// Needs a running stack of that profile (npm start / scripts/start.mjs --profile X --detach);
// run it under `flock /tmp/shop-load.lock` on a shared machine.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DaprWorkflowClient, LogLevel } from '@dapr/dapr';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { createShopClient } from '@shop/api/client';
import topology from '@shop/topology';
import { processFigures, processGroups } from '../../../scripts/lib/proc.mjs';
import { readPids } from '../../../scripts/lib/supervisor.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const profile = arg('profile', process.env.SHOP_PROFILE ?? 'dev');
const runs = Number(arg('runs', '3'));
/** A PostgreSQL backend by its database (`postgresql:shop_order`), or Redis; else undefined. */
function sharedServer(pid) {
  let args;
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
  if (/^\S*redis-server/.test(args)) return 'redis';
  const backend = /^postgres: \S+ \S+ (\S+) /.exec(args);
  if (backend) return `postgresql:${backend[1]}`;
  return args.startsWith('postgres') ? 'postgresql (server)' : undefined;
}

/**
 * CPU ticks (1/100 s) of each process of the stack, and of the machine's PostgreSQL and Redis
 * (shared by the stack's stores and broker): where a scenario's CPU went, per order.
 */
function cpuTicks() {
  const out = Object.fromEntries(
    processGroups(readPids(join(root, '.run', profile)), { pss: false }).map((g) => [g.name, g.cpuTicks]),
  );
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const name = sharedServer(pid);
    if (name) out[name] = (out[name] ?? 0) + processFigures(Number(pid), { pss: false }).cpuTicks;
  }
  return out;
}
const cpuMsPer = (before, after, count) => {
  const rows = Object.entries(after)
    .map(([name, t]) => [name, Math.round(((t - (before[name] ?? 0)) * 10) / count)])
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1]);
  return Object.fromEntries([...rows, ['total', rows.reduce((n, [, ms]) => n + ms, 0)]]);
};
const scenarios = arg('scenarios', 'solo,many,hot,3ds').split(',');
const CONCURRENT = Number(arg('concurrent', '100'));
const SOLO = Number(arg('solo', '15'));

// The floor's step counts come from the saga's own definition (built into dist/).
const floorModule = await import(join(root, 'services/order/dist/checkout/floor.js'));
const { FLOOR_WORKFLOW, FLOOR_EVENT, FLOOR_AWAITING } = floorModule;
// --floor-steps N compares with a floor of N steps instead (5 = the saga's business steps).
const SAGA_ACTIVITIES = arg('floor-steps')
  ? { card: Number(arg('floor-steps')), threeDSecure: Number(arg('floor-steps')) + 1 }
  : floorModule.SAGA_ACTIVITIES;

const gateway = `http://${topology.host}:${topology.appPorts('gateway', profile).restPort}`;
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const secrets = JSON.parse(readFileSync(join(root, 'components/secrets.dev.json'), 'utf8'));
const webhookSecret = secrets['payment-webhook-secret'];

function call(method, path, token, body, headers = {}) {
  return new Promise((resolve) => {
    const all = {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    };
    const req = http.request(`${gateway}${path}`, { method, agent, headers: all }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed;
        try {
          parsed = text ? JSON.parse(text) : {};
        } catch {
          parsed = { text };
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, headers: res.headers });
      });
    });
    req.on('error', () => resolve({ status: 0, body: {}, headers: {} }));
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let retries = 0;
/** As a careful client does: a 5xx or a broken connection is retried (the same Idempotency-Key for a POST). */
async function careful(send) {
  let res = await send();
  for (let attempt = 1; (res.status === 0 || res.status >= 500) && attempt <= 10; attempt += 1) {
    retries += 1;
    await sleep(Math.min(2_000, 100 * attempt));
    res = await send();
  }
  return res;
}
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const pct = (xs, p) => {
  const s = sorted(xs);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const median = (xs) => pct(xs, 50);
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

// Set-up through the shop's typed client (@shop/api); the measured calls stay on node:http above.
const shop = createShopClient({ baseUrl: gateway });

async function newShopper(i) {
  const email = `bench-${randomUUID()}@example.test`;
  const password = `Pw-${randomUUID()}`;
  const created = await shop.POST('/v1/users', { body: { email, password, name: `Bench ${i}` } });
  if (created.response.status !== 201) throw new Error(`registration answered ${created.response.status}`);
  const login = await shop.POST('/v1/auth/login', { body: { email, password } });
  if (!login.data) throw new Error(`login answered ${login.response.status}`);
  const token = login.data.accessToken;
  const address = await shop.POST('/v1/users/me/addresses', {
    headers: { authorization: `Bearer ${token}` },
    body: { recipient: 'Bench', line1: '1 Bench Lane', city: 'Berlin', postalCode: '10115', country: 'DE' },
  });
  if (!address.data) throw new Error(`address answered ${address.response.status}`);
  return { token, addressId: address.data.id };
}

async function insertProducts(mongo, count, stock) {
  const now = new Date();
  const docs = Array.from({ length: count }, () => {
    const id = randomUUID();
    return {
      _id: id,
      sku: `BENCH-${id.slice(0, 8)}`,
      name: 'Bench Kettle',
      description: '',
      categoryId: 'bench',
      price: 700,
      currency: 'USD',
      attributes: {},
      images: [],
      tags: [],
      stock,
      stockVersion: 0,
      ratingSum: 0,
      ratingCount: 0,
      ratingAverage: 0,
      keywords: ['bench'],
      deleted: false,
      createdAt: now,
      updatedAt: now,
    };
  });
  await mongo.db().collection('products').insertMany(docs);
  return docs.map((d) => d._id);
}

/** Waits for the order to leave PENDING: a bounded server-side wait when offered, else polling. */
async function outcome(me, orderId, pollMs) {
  for (;;) {
    const res = await call('GET', `/v1/orders/${orderId}`, me.token, undefined, { prefer: 'wait=10' });
    if (res.status === 200 && res.body.status !== 'PENDING') return { status: res.body.status, at: Date.now() };
    if (!(res.status === 200 && res.headers['preference-applied'])) await sleep(pollMs);
  }
}

const paymentIdFor = (orderId) =>
  `sim_pay_${createHash('sha256').update(`${orderId}:authorize`).digest('hex').slice(0, 32)}`;
function signed(body) {
  const t = Math.floor(Date.now() / 1000);
  const mac = createHmac('sha256', webhookSecret)
    .update(`${t}.${body.orderId}.${body.paymentId}.${body.outcome}`)
    .digest('hex');
  return `t=${t},v1=${mac}`;
}

async function checkout(me, productId, token, pollMs) {
  const put = await careful(() => call('PUT', `/v1/cart/items/${productId}`, me.token, { quantity: 1 }));
  if (put.status !== 200) throw new Error(`cart answered ${put.status}`);
  const t0 = Date.now();
  const body = { shippingAddressId: me.addressId, paymentMethod: { token } };
  const key = randomUUID();
  const res = await careful(() => call('POST', '/v1/orders', me.token, body, { 'idempotency-key': key }));
  const postMs = Date.now() - t0;
  if (res.status !== 202) throw new Error(`POST /v1/orders answered ${res.status} ${JSON.stringify(res.body)}`);
  const orderId = res.body.id;
  if (token === 'tok_3ds') {
    const hook = { orderId, paymentId: paymentIdFor(orderId), outcome: 'approved' };
    // The provider knows the payment once the saga's authorisation ran: retry until it does.
    for (let i = 0; i < 400; i += 1) {
      const r = await call('POST', '/v1/payments/webhook', undefined, hook, { 'shop-signature': signed(hook) });
      if (r.status === 204) break;
      await sleep(10);
    }
  }
  const done = await outcome(me, orderId, pollMs);
  return { orderId, postMs, ms: done.at - t0, status: done.status, at: done.at };
}

async function floorOnce(client, waitForEvent) {
  const id = `bench-floor-${randomUUID()}`;
  const t0 = Date.now();
  const activities = waitForEvent ? SAGA_ACTIVITIES.threeDSecure : SAGA_ACTIVITIES.card;
  await client.scheduleNewWorkflow(FLOOR_WORKFLOW, { activities, waitForEvent }, id);
  if (waitForEvent) {
    // As the saga's webhook does: sent once the payment exists (here: the first step ran).
    for (let i = 0; i < 400; i += 1) {
      // The custom status comes with the payloads. A read racing the engine's own save can fail
      // ("inbox key declared in metadata but missing from state store"): read again.
      const state = await client.getWorkflowState(id, true).catch(() => undefined);
      if (String(state?.customStatus ?? '').includes(FLOOR_AWAITING)) break;
      await sleep(10);
    }
    await client.raiseEvent(id, FLOOR_EVENT, { approved: true });
  }
  const state = await client.waitForWorkflowCompletion(id, false, 300);
  if (!state || state.runtimeStatus !== 1 /* COMPLETED */)
    throw new Error(`floor instance ended ${state?.runtimeStatus}`);
  return { ms: Date.now() - t0, at: Date.now(), id };
}

async function purge(client, ids) {
  for (const id of ids) await client.purgeWorkflow(id).catch(() => undefined);
}

async function solo(ctx, token) {
  const saga = [];
  const floor = [];
  const [productId] = await insertProducts(ctx.mongo, 1, 10_000);
  for (let i = 0; i < SOLO; i += 1) {
    floor.push((await floorOnce(ctx.client, token === 'tok_3ds')).ms);
    const r = await checkout(ctx.shoppers[i % ctx.shoppers.length], productId, token, 50);
    if (r.status !== 'CONFIRMED') throw new Error(`solo order ended ${r.status}`);
    saga.push(r.ms);
  }
  return {
    sagaP50Ms: median(saga),
    sagaP99Ms: pct(saga, 99),
    floorP50Ms: median(floor),
    floorP99Ms: pct(floor, 99),
    ratioP50: round(median(saga) / median(floor)),
  };
}

async function floorConcurrent(ctx) {
  const fStart = Date.now();
  const before = cpuTicks();
  const floor = await Promise.all(Array.from({ length: CONCURRENT }, () => floorOnce(ctx.client, false)));
  const floorSeconds = (Math.max(...floor.map((f) => f.at)) - fStart) / 1000;
  const cpuMsPerInstance = cpuMsPer(before, cpuTicks(), CONCURRENT);
  await purge(
    ctx.client,
    floor.map((f) => f.id),
  );
  return {
    floor,
    floorSeconds,
    instancesPerSecond: round(CONCURRENT / floorSeconds),
    p50Ms: median(floor.map((f) => f.ms)),
    cpuMsPerInstance,
  };
}

async function concurrent(ctx, hot) {
  const n = CONCURRENT;
  const { floor, floorSeconds, cpuMsPerInstance: floorCpuMsPerInstance } = await floorConcurrent(ctx);

  const products = hot ? await insertProducts(ctx.mongo, 1, 100_000) : await insertProducts(ctx.mongo, n, 100);
  const shoppers = ctx.shoppers.slice(0, n);
  // Carts first (not timed), then every shopper places at once.
  await Promise.all(
    shoppers.map(async (me, i) => {
      const put = await careful(() =>
        call('PUT', `/v1/cart/items/${products[i % products.length]}`, me.token, { quantity: 1 }),
      );
      if (put.status !== 200) throw new Error(`cart answered ${put.status} ${JSON.stringify(put.body)}`);
    }),
  );
  const sStart = Date.now();
  const ticksBefore = cpuTicks();
  const retriesBefore = retries;
  const results = await Promise.all(
    shoppers.map(async (me) => {
      const t0 = Date.now();
      const body = { shippingAddressId: me.addressId, paymentMethod: { token: 'tok_visa' } };
      const key = randomUUID();
      const res = await careful(() => call('POST', '/v1/orders', me.token, body, { 'idempotency-key': key }));
      const postMs = Date.now() - t0;
      if (res.status !== 202)
        return { status: `HTTP ${res.status} ${res.body.detail ?? ''}`, postMs, ms: NaN, at: Date.now() };
      const done = await outcome(me, res.body.id, 250);
      return { orderId: res.body.id, postMs, ms: done.at - t0, status: done.status, at: done.at };
    }),
  );
  const cpuMsPerOrder = cpuMsPer(ticksBefore, cpuTicks(), n);
  const confirmed = results.filter((r) => r.status === 'CONFIRMED');
  const sagaSeconds = (Math.max(...results.map((r) => r.at)) - sStart) / 1000;
  const steps = await stepMedians(
    ctx.db,
    confirmed.map((r) => r.orderId),
  );
  const floorPerSecond = n / floorSeconds;
  const sagaPerSecond = confirmed.length / sagaSeconds;
  return {
    orders: n,
    clientRetries: retries - retriesBefore,
    confirmed: confirmed.length,
    other: [...new Set(results.filter((r) => r.status !== 'CONFIRMED').map((r) => r.status))],
    confirmedPerSecond: round(sagaPerSecond),
    floorInstancesPerSecond: round(floorPerSecond),
    ratio: round(sagaPerSecond / floorPerSecond),
    postP50Ms: median(results.map((r) => r.postMs)),
    postP99Ms: pct(
      results.map((r) => r.postMs),
      99,
    ),
    sagaP50Ms: median(confirmed.map((r) => r.ms)),
    floorP50Ms: median(floor.map((f) => f.ms)),
    stepMediansMs: steps,
    floorCpuMsPerInstance,
    cpuMsPerOrder,
    // With the cores full, rates go as 1 / CPU per instance: the ratio this saga can reach at most.
    cpuBoundRatio: round(floorCpuMsPerInstance.total / cpuMsPerOrder.total),
  };
}

/** Per-step medians after OrderPlaced, from the order's own event store. */
async function stepMedians(db, orderIds) {
  if (orderIds.length === 0) return {};
  const { rows } = await db.query(
    `SELECT e.type, extract(epoch FROM e.occurred_at - p.occurred_at) * 1000 AS ms FROM order_events e
     JOIN order_events p ON p.order_id = e.order_id AND p.type = 'OrderPlaced'
     WHERE e.order_id = ANY($1::uuid[]) AND e.type <> 'OrderPlaced'`,
    [orderIds],
  );
  const byType = {};
  for (const r of rows) (byType[r.type] ??= []).push(Number(r.ms));
  return Object.fromEntries(Object.entries(byType).map(([t, xs]) => [t, Math.round(median(xs))]));
}

const mongoUrl = `mongodb://${topology.host}:${topology.infrastructurePorts(profile).ferretdb.port}/${topology.databaseName('product', profile)}`;
const mongo = new MongoClient(process.env.MONGODB_URL ?? mongoUrl);
const db = new pg.Client({
  connectionString: `postgres://postgres@127.0.0.1:5432/${topology.databaseName('order', profile)}`,
});
const client = new DaprWorkflowClient({
  daprHost: topology.host,
  daprPort: String(topology.appPorts('order', profile).daprGrpcPort),
  logger: { level: LogLevel.Error },
});
await Promise.all([mongo.connect(), db.connect()]);
const shoppers = [];
const needsShoppers = scenarios.some((s) => s !== 'floor');
for (let i = 0; needsShoppers && i < CONCURRENT; i += 10)
  shoppers.push(
    ...(await Promise.all(Array.from({ length: Math.min(10, CONCURRENT - i) }, (_, j) => newShopper(i + j)))),
  );
const ctx = { mongo, db, client, shoppers };
// One warm-up of each, so the first run does not pay for cold channels and JIT.
await floorOnce(client, false);
if (needsShoppers) await checkout(shoppers[0], (await insertProducts(mongo, 1, 100))[0], 'tok_visa', 50);

const all = [];
for (let run = 0; run < runs; run += 1) {
  const result = {};
  if (scenarios.includes('floor')) {
    const { instancesPerSecond, p50Ms } = await floorConcurrent(ctx);
    result.floor = { instancesPerSecond, p50Ms };
  }
  if (scenarios.includes('solo')) result.solo = await solo(ctx, 'tok_visa');
  if (scenarios.includes('many')) result.many = await concurrent(ctx, false);
  if (scenarios.includes('hot')) result.hot = await concurrent(ctx, true);
  if (scenarios.includes('3ds')) result.threeDSecure = await solo(ctx, 'tok_3ds');
  all.push(result);
  process.stdout.write(`run ${run + 1}/${runs}: ${JSON.stringify(result)}\n`);
}

const summary = {};
const field = (scenario, key) => all.map((r) => r[scenario]?.[key]).filter((x) => typeof x === 'number');
const describe = (xs) =>
  xs.length ? { median: round(median(xs)), min: round(Math.min(...xs)), max: round(Math.max(...xs)) } : undefined;
for (const [scenario, keys] of Object.entries({
  floor: ['instancesPerSecond', 'p50Ms'],
  solo: ['sagaP50Ms', 'floorP50Ms', 'ratioP50'],
  many: ['confirmedPerSecond', 'floorInstancesPerSecond', 'ratio', 'cpuBoundRatio', 'postP99Ms', 'sagaP50Ms'],
  hot: ['confirmedPerSecond', 'floorInstancesPerSecond', 'ratio', 'cpuBoundRatio', 'postP99Ms', 'sagaP50Ms'],
  threeDSecure: ['sagaP50Ms', 'floorP50Ms', 'ratioP50'],
})) {
  if (!all.some((r) => r[scenario])) continue;
  summary[scenario] = Object.fromEntries(keys.map((k) => [k, describe(field(scenario, k))]));
}
const report = {
  at: new Date().toISOString(),
  profile,
  runs,
  concurrent: CONCURRENT,
  floorActivities: SAGA_ACTIVITIES,
  summary,
  all,
};
const outDir = join(root, '.run', 'bench');
mkdirSync(outDir, { recursive: true });
const file = join(outDir, `checkout-${report.at.replace(/[:.]/g, '-')}.json`);
writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
console.log('\ncheckout saga vs Dapr floor (median [min-max] over runs):');
for (const [scenario, keys] of Object.entries(summary)) {
  console.log(
    `  ${scenario}: ${Object.entries(keys)
      .map(([k, v]) => `${k} ${v.median} [${v.min}-${v.max}]`)
      .join(', ')}`,
  );
}
console.log(`written ${file}`);
await Promise.all([mongo.close(), db.end(), client.stop()]);
agent.destroy();
