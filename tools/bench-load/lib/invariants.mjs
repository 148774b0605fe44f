// After the load: no product oversold, no order left PENDING past its saga's time, no outbox
// backlog. Read straight from the stores of the profile (loopback), never through the API.
import pg from 'pg';
import { MongoClient } from 'mongodb';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function withPg(url, fn) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function withMongo(url, fn) {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 3000 });
  await client.connect();
  try {
    return await fn(client.db());
  } finally {
    await client.close();
  }
}

/** Stock of every product before the load, to check conservation afterwards. */
export async function stockSnapshot(settings) {
  return withMongo(settings.mongoUrl, async (db) => {
    const docs = await db
      .collection('products')
      .find({}, { projection: { _id: 1, stock: 1 } })
      .toArray();
    return Object.fromEntries(docs.map((d) => [d._id, d.stock]));
  });
}

async function backlog(settings, since, sagaSeconds) {
  const order = await withPg(settings.databases.order, async (c) => {
    const pending = await c.query(
      `select count(*)::int as n, coalesce(max(extract(epoch from now() - created_at)), 0)::float as oldest
         from orders where status = 'PENDING' and created_at >= $1`,
      [since],
    );
    const late = await c.query(
      `select count(*)::int as n from orders where status = 'PENDING' and created_at >= $1 and created_at < now() - make_interval(secs => $2)`,
      [since, sagaSeconds],
    );
    const outbox = await c.query(`select count(*)::int as n from outbox where sent_at is null`);
    const starts = await c.query(`select count(*)::int as n from saga_starts`);
    const byStatus = await c.query(
      `select status, count(*)::int as n from orders where created_at >= $1 group by status`,
      [since],
    );
    return {
      pendingOrders: pending.rows[0].n,
      oldestPendingSeconds: Math.round(pending.rows[0].oldest),
      pendingPastSagaTime: late.rows[0].n,
      orderOutbox: outbox.rows[0].n,
      owedSagaStarts: starts.rows[0].n,
      ordersByStatus: Object.fromEntries(byStatus.rows.map((r) => [r.status, r.n])),
    };
  });
  const userOutbox = await withPg(
    settings.databases.user,
    async (c) => (await c.query(`select count(*)::int as n from outbox where sent_at is null`)).rows[0].n,
  );
  const product = await withMongo(settings.mongoUrl, async (db) => ({
    productOutbox: await db.collection('products').countDocuments({ outboxPending: true }),
    negativeStock: await db.collection('products').countDocuments({ stock: { $lt: 0 } }),
  }));
  return { ...order, userOutbox, ...product };
}

async function conservation(settings, before, since) {
  return withMongo(settings.mongoUrl, async (db) => {
    const after = await db
      .collection('products')
      .find({}, { projection: { _id: 1, stock: 1 } })
      .toArray();
    const holds = await db
      .collection('reservations')
      .find(
        { createdAt: { $gte: since }, status: { $in: ['pending', 'reserved', 'committed'] } },
        { projection: { taken: 1 } },
      )
      .toArray();
    const held = {};
    for (const r of holds) for (const t of r.taken ?? []) held[t.productId] = (held[t.productId] ?? 0) + t.quantity;
    const mismatched = after.filter(
      (p) => before[p._id] !== undefined && before[p._id] - p.stock !== (held[p._id] ?? 0),
    );
    return {
      productsChecked: after.length,
      unitsHeld: Object.values(held).reduce((n, q) => n + q, 0),
      mismatched: mismatched.slice(0, 10).map((p) => p._id),
      mismatchedCount: mismatched.length,
    };
  });
}

/**
 * Waits (up to `settleSeconds`) for sagas and relays to catch up, then reports. Passing means:
 * no negative stock and stock conserved (units gone = units held by live reservations), no
 * order of this run PENDING longer than `sagaSeconds`, and every outbox drained.
 */
export async function checkInvariants({ settings, before, since, sagaSeconds, settleSeconds, log }) {
  const deadline = Date.now() + settleSeconds * 1000;
  let state = await backlog(settings, since, sagaSeconds);
  while (
    Date.now() < deadline &&
    (state.pendingOrders > 0 || state.orderOutbox + state.userOutbox + state.productOutbox + state.owedSagaStarts > 0)
  ) {
    log(
      `  settling: ${state.pendingOrders} orders PENDING, outboxes order ${state.orderOutbox} user ${state.userOutbox} product ${state.productOutbox}, owed saga starts ${state.owedSagaStarts}`,
    );
    await sleep(2000);
    state = await backlog(settings, since, sagaSeconds);
  }
  const stock = await conservation(settings, before, since);
  const failures = [];
  if (state.negativeStock > 0) failures.push(`${state.negativeStock} products with negative stock`);
  if (stock.mismatchedCount > 0)
    failures.push(
      `${stock.mismatchedCount} products whose stock does not match their reservations (oversold or lost units)`,
    );
  if (state.pendingPastSagaTime > 0)
    failures.push(`${state.pendingPastSagaTime} orders PENDING longer than ${sagaSeconds} s`);
  if (state.orderOutbox + state.userOutbox + state.productOutbox > 0) failures.push('outbox backlog left');
  if (state.owedSagaStarts > 0) failures.push(`${state.owedSagaStarts} owed saga starts`);
  return { passed: failures.length === 0, failures, ...state, stock, sagaSeconds, settleSeconds };
}
