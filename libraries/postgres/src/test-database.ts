import { execFileSync } from 'node:child_process';
import { Pool } from 'pg';

/** The server the services' integration tests use (a real PostgreSQL, never a fake). */
const serverUrl = () => process.env['SHOP_TEST_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function testDatabaseUrl(name: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * For the services' tests: creates the database if needed (suites run in parallel workers)
 * and applies the real migrations (the shared ones and the service's) in a child process,
 * because node-pg-migrate is ESM-only and jest cannot import ESM without experimental flags.
 */
export async function migratedTestDatabase(name: string, migrationsDir: string, max = 5): Promise<Pool> {
  const admin = new Pool({ connectionString: serverUrl(), max: 1 });
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } catch (err) {
    // 42P04: it exists; 23505: another worker created it at the same moment.
    const code = (err as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw err;
  } finally {
    await admin.end();
  }
  const url = testDatabaseUrl(name);
  const script = `require('@shop/postgres').runSqlMigrations(process.argv[1], process.argv[2])
    .catch((err) => { console.error(err); process.exit(1); })`;
  execFileSync(process.execPath, ['-e', script, url, migrationsDir], { stdio: 'inherit' });
  return new Pool({ connectionString: url, max });
}
