import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, type Logger } from '@shop/service-kit';

/** Tables every SQL service has (processed_events for event de-duplication). */
const KIT_MIGRATIONS = join(__dirname, '..', 'migrations');

/**
 * Applies a service's versioned SQL migrations (`<timestamp>_<name>.sql` files with
 * `-- Up Migration` / `-- Down Migration` sections) with node-pg-migrate, under its advisory
 * lock so two starting instances never migrate at once.
 */
export async function runSqlMigrations(databaseUrl: string, serviceDir: string, logger?: Logger): Promise<string[]> {
  // node-pg-migrate is ESM-only; TypeScript keeps this import() as a real dynamic import.
  const { runner } = await import('node-pg-migrate');
  const applied = await runner({
    databaseUrl,
    dir: [KIT_MIGRATIONS, ...(existsSync(serviceDir) ? [serviceDir] : [])].map((d) => `${d}/*.sql`),
    useGlob: true,
    direction: 'up',
    migrationsTable: 'schema_migrations',
    checkOrder: true,
    log: (msg: string) => logger?.debug(msg),
  });
  return applied.map((m) => m.name);
}

/** A service's `migrate` entry point (runner, init container): applies, logs, exit code 1 on failure. */
export async function migrateService(
  config: { DATABASE_URL: string; SERVICE_NAME: string; LOG_LEVEL: string },
  serviceDir: string,
): Promise<void> {
  const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL);
  try {
    logger.info('migrations applied', { applied: await runSqlMigrations(config.DATABASE_URL, serviceDir, logger) });
  } catch (err) {
    logger.error('migrations failed', { err });
    process.exitCode = 1;
  }
}
