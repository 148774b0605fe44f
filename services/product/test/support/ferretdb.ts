// A real FerretDB for one test file: its own process on a free port, over its own
// PostgreSQL database (created on first use), with a fresh MongoDB database per call.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

const BINARY = process.env['FERRETDB_BIN'] ?? join(homedir(), '.cache', 'shop-on-dapr', 'bin', 'ferretdb');
const PG = process.env['SHOP_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

const reachable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

// The index the runner gives FerretDB's tables (`_id` lookups scan without it): tests run as the shop does.
const ID_INDEX_SQL = join(__dirname, '..', '..', '..', '..', 'scripts', 'sql', 'ferretdb-id-index.sql');

function ensureDatabase(name: string): void {
  const exists = execFileSync('psql', [`${PG}/postgres`, '-Atc', `SELECT 1 FROM pg_database WHERE datname = '${name}'`])
    .toString()
    .trim();
  if (exists !== '1') execFileSync('psql', [`${PG}/postgres`, '-c', `CREATE DATABASE ${name}`]);
  execFileSync('psql', [`${PG}/${name}`, '-q', '-v', 'ON_ERROR_STOP=1', '-f', ID_INDEX_SQL], { stdio: 'ignore' });
}

export interface RunningFerret {
  /** A mongodb:// URL naming a fresh database. */
  readonly url: string;
  stop(): Promise<void>;
}

/** MONGODB_TEST_URL (a server URL without database) skips the spawn, e.g. to test on real MongoDB. */
export async function startFerretDb(pgDatabase = 'shop_product_it'): Promise<RunningFerret> {
  const dbName = `t_${randomUUID().slice(0, 8)}`;
  const external = process.env['MONGODB_TEST_URL'];
  if (external) return { url: `${external.replace(/\/$/, '')}/${dbName}`, stop: async () => undefined };
  if (!existsSync(BINARY)) throw new Error(`FerretDB binary not found at ${BINARY}; run npm run ferretdb:install`);
  ensureDatabase(pgDatabase);
  const port = await freePort();
  const stateDir = mkdtempSync(join(tmpdir(), 'ferretdb-'));
  const child: ChildProcess = spawn(
    BINARY,
    [
      `--listen-addr=127.0.0.1:${port}`,
      '--handler=postgresql',
      `--postgresql-url=${PG}/${pgDatabase}`,
      '--telemetry=disable',
      '--debug-addr=-',
      '--log-level=error',
      `--state-dir=${stateDir}`,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => (stderr += b.toString()));
  const deadline = Date.now() + 20_000;
  while (!(await reachable(port))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`FerretDB did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url: `mongodb://127.0.0.1:${port}/${dbName}`,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
