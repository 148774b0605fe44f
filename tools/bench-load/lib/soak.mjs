// The soak's verdict: memory flat after warm-up, no error, and the tables that grow with
// traffic (outboxes, de-duplication claims) holding nothing older than their retention.
import pg from 'pg';
import { MongoClient } from 'mongodb';

const RETENTION_DAYS = 7; // outbox relay and every dedupe store keep sent/done rows 7 days
export const MAX_GROWTH = 0.1;

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, [x]) => a + x, 0) / n;
  const my = points.reduce((a, [, y]) => a + y, 0) / n;
  const num = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
  const den = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
  return den ? num / den : 0;
}

/** Growth of each process (and the stack) from the first sample after warm-up to the last. */
export function memoryVerdict(series, warmupS) {
  const after = series.filter((p) => p.atS >= warmupS);
  if (after.length < 2) return { passed: false, reason: `fewer than 2 samples after the ${warmupS} s warm-up` };
  const names = Object.keys(after[0].rssMiB).filter((n) => n !== 'load-generator');
  const total = (p) => names.reduce((a, n) => a + (p.rssMiB[n] ?? 0), 0);
  const rows = {};
  for (const name of [...names, 'stack total']) {
    const value = (p) => (name === 'stack total' ? total(p) : (p.rssMiB[name] ?? 0));
    const base = value(after[0]);
    const end = value(after.at(-1));
    rows[name] = {
      baselineMiB: base,
      endMiB: end,
      growthPercent: base ? Math.round(((end - base) / base) * 1000) / 10 : 0,
      slopeMiBPerMin: Math.round(slope(after.map((p) => [p.atS / 60, value(p)])) * 100) / 100,
    };
  }
  const growth = rows['stack total'].growthPercent / 100;
  return { passed: growth <= MAX_GROWTH, warmupS, samples: after.length, processes: rows };
}

async function pgCounts(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const q = async (sql) => (await c.query(sql)).rows[0].n;
    const old = `now() - interval '${RETENTION_DAYS} days'`;
    return {
      outboxRows: await q('select count(*)::int as n from outbox'),
      outboxPastRetention: await q(`select count(*)::int as n from outbox where sent_at < ${old}`),
      dedupeRows: await q('select count(*)::int as n from processed_events'),
      dedupePastRetention: await q(
        `select count(*)::int as n from processed_events where status = 'done' and processed_at < ${old}`,
      ),
    };
  } finally {
    await c.end();
  }
}

async function mongoCounts(url) {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 3000 });
  await client.connect();
  try {
    const events = client.db().collection('processed_events');
    const old = new Date(Date.now() - RETENTION_DAYS * 86_400_000);
    return {
      dedupeRows: await events.countDocuments({}),
      dedupePastRetention: await events.countDocuments({ status: 'done', processedAt: { $lt: old } }),
    };
  } finally {
    await client.close();
  }
}

/** Row counts of the growing tables; `passed` when none holds a row past its retention. */
export async function tableVerdict(settings) {
  const tables = {
    order: await pgCounts(settings.databases.order),
    user: await pgCounts(settings.databases.user),
    product: await mongoCounts(settings.mongoUrl),
  };
  const past = Object.values(tables).reduce((a, t) => a + (t.outboxPastRetention ?? 0) + t.dedupePastRetention, 0);
  return { passed: past === 0, retentionDays: RETENTION_DAYS, tables };
}
