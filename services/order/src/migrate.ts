// Run by the local runner (and a Kubernetes init container) before the service starts.
import { join } from 'node:path';
import { createLogger } from '@shop/service-kit';
import { runSqlMigrations } from '@shop/postgres';
import { loadOrderConfig } from './config';

const config = loadOrderConfig();
const logger = createLogger(config.SERVICE_NAME, config.LOG_LEVEL);
runSqlMigrations(config.DATABASE_URL, join(__dirname, '..', 'migrations'), logger).then(
  (applied) => logger.info('migrations applied', { applied }),
  (err: unknown) => {
    logger.error('migrations failed', { err });
    process.exitCode = 1;
  },
);
