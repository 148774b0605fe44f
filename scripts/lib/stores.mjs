// Makes sure PostgreSQL and Redis answer, starts them when they are installed but stopped,
// and creates each service's database. Runs after `npm install`, so it may use `pg`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import net from 'node:net';
import { require, root } from './paths.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function reachable(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port: Number(port) });
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

async function waitReachable(host, port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await reachable(host, port)) return true;
    await sleep(200);
  }
  return false;
}

function isLocal(host) {
  return ['127.0.0.1', 'localhost', '::1'].includes(host);
}

/**
 * The commands this kind of machine starts its stores with (Debian packages).
 * @returns {[string, string[]] | null}
 */
export function startPostgresCommand() {
  if (!existsSync('/etc/postgresql')) return null;
  const version = readdirSync('/etc/postgresql')[0];
  return version ? ['pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']] : null;
}

/** @returns {[string, string[]] | null} */
export function startRedisCommand() {
  const which = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (which.status !== 0) return null;
  return [
    'redis-server',
    [
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '-::1',
      '--port',
      '6379',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      '/var/lib/redis',
      '--logfile',
      '/var/log/redis/ci.log',
    ],
  ];
}

async function ensureServer(name, url, defaultPort, startCommand, log) {
  const u = new URL(url);
  const port = u.port || defaultPort;
  if (await reachable(u.hostname, port)) return;
  const cmd = isLocal(u.hostname) ? startCommand() : null;
  if (cmd) {
    log(`${name} at ${u.hostname}:${port} does not answer; starting it with: ${cmd[0]} ${cmd[1].join(' ')}`);
    spawnSync(cmd[0], cmd[1], { stdio: 'inherit' });
    if (await waitReachable(u.hostname, port, 20_000)) return;
  }
  throw new Error(
    `${name} does not answer at ${u.hostname}:${port} (tried ${url.replace(/\/\/[^@]*@/, '//***@')}). ` +
      `Start it, or point the shop at another one with ${name === 'PostgreSQL' ? 'SHOP_POSTGRES_URL' : 'SHOP_REDIS_URL'}.`,
  );
}

export async function ensureStores(settings, log = console.log) {
  await ensureServer('PostgreSQL', settings.postgresUrl, 5432, startPostgresCommand, log);
  await ensureServer('Redis', settings.redisUrl, 6379, startRedisCommand, log);
  await createDatabases(settings);
  if (settings.ferretdb) await indexFerretDbIds(settings, log);
}

/**
 * FerretDB's `_id` lookups scan the whole table without a GIN index on `(_jsonb -> '_id')`
 * (scripts/sql/ferretdb-id-index.sql): adds it to FerretDB's tables in the product database,
 * now and as FerretDB creates them. Without a superuser the shop still works, only slower.
 */
async function indexFerretDbIds(settings, log) {
  const { Client } = require('pg');
  const url = new URL(settings.postgresUrl);
  url.pathname = new URL(settings.ferretdb.backendUrl).pathname;
  const db = new Client({ connectionString: url.toString() });
  await db.connect();
  try {
    await db.query(readFileSync(join(root, 'scripts', 'sql', 'ferretdb-id-index.sql'), 'utf8'));
  } catch (err) {
    log(`FerretDB's _id index not installed (lookups scan their tables): ${err.message}`);
  } finally {
    await db.end();
  }
}

async function createDatabases(settings) {
  const { Client } = require('pg');
  const admin = new Client({ connectionString: settings.postgresUrl });
  await admin.connect();
  try {
    for (const url of Object.values(settings.databases)) {
      const name = new URL(url).pathname.slice(1);
      const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      // Identifiers cannot be bound parameters; names come from the topology, not from users.
      if (!rowCount)
        await admin.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`).catch((e) => {
          if (e.code !== '42P04') throw e; // created concurrently by another runner
        });
    }
  } finally {
    await admin.end();
  }
}

export { reachable, waitReachable };
