#!/usr/bin/env node
// `npm run workflows [-- --profile dev] [--status RUNNING] [--name checkout] [--limit 50]`:
// the workflow instances of the order service, newest first, as `dapr workflow list -a order`
// would show them. That command cannot read a PostgreSQL actor state store in CLI 1.16.5 (its
// query uses `?` placeholders, which PostgreSQL rejects: "syntax error at or near ;"), so this
// reads the instance ids from the same table it would and asks the sidecar for each status.
// `dapr workflow history -a order <id>` works as it is (it asks the sidecar).
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { root, topology } from './lib/paths.mjs';
import { profileSettings } from './lib/settings.mjs';

const arg = (name, fallback) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : fallback);
const profile = arg('--profile', 'dev');
const status = arg('--status')?.toUpperCase();
const name = arg('--name');
const limit = Number(arg('--limit', '50'));

const { Client } = createRequire(join(root, 'package.json'))('pg');
const settings = profileSettings(profile);
const order = topology.appPorts('order', profile);
const table = 'wf_state'; // components/workflowstore.yaml: tablePrefix "wf_"
const prefix = `${order.appId}||dapr.internal.default.${order.appId}.workflow||`;

const db = new Client({ connectionString: settings.databases.dapr });
await db.connect();
const { rows } = await db
  .query(`SELECT key FROM ${table} WHERE key LIKE $1 AND key LIKE '%||metadata'`, [`${prefix}%`])
  .finally(() => db.end());
const ids = rows.map((r) => r.key.slice(prefix.length, -'||metadata'.length));

async function describe(id) {
  const res = await fetch(
    `http://${settings.host}:${order.daprHttpPort}/v1.0/workflows/dapr/${encodeURIComponent(id)}`,
    {
      signal: AbortSignal.timeout(5_000),
    },
  );
  if (!res.ok)
    return { instanceID: id, workflowName: '?', runtimeStatus: `HTTP ${res.status}`, createdAt: '', lastUpdatedAt: '' };
  return res.json();
}

const all = [];
for (let i = 0; i < ids.length; i += 20) all.push(...(await Promise.all(ids.slice(i, i + 20).map(describe))));
const shown = all
  .filter((w) => (!status || w.runtimeStatus === status) && (!name || w.workflowName === name))
  .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))
  .slice(0, limit);

const cols = [
  ['INSTANCE ID', (w) => w.instanceID],
  ['NAME', (w) => w.workflowName],
  ['STATUS', (w) => w.runtimeStatus],
  ['CREATED', (w) => w.createdAt],
  ['LAST UPDATE', (w) => w.lastUpdatedAt],
];
const widths = cols.map(([h, f]) => Math.max(h.length, ...shown.map((w) => String(f(w) ?? '').length)));
const line = (cells) => cells.map((c, i) => String(c ?? '').padEnd(widths[i])).join('  ');
console.log(line(cols.map(([h]) => h)));
for (const w of shown) console.log(line(cols.map(([, f]) => f(w))));
console.log(
  `\n${shown.length} of ${all.length} instances (${profile}); history: dapr workflow history -a ${order.appId} <instance id>`,
);
