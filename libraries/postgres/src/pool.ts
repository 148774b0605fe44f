import { Pool } from 'pg';
import type { EventDedupe, Stoppable } from '@shop/service-kit';
import { createSqlDedupe } from './dedupe';

export interface PostgresStore extends Stoppable {
  readonly pool: Pool;
  readonly dedupe: EventDedupe;
  ping(): Promise<void>;
}

/** A pool that gives up quickly when the server is gone, so /readyz turns red in seconds. */
export function openPostgres(url: string, applicationName: string): PostgresStore {
  const pool = new Pool({
    connectionString: url,
    application_name: applicationName,
    connectionTimeoutMillis: 2_000,
    idleTimeoutMillis: 30_000,
    max: 10,
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  return {
    name: 'postgres',
    pool,
    dedupe: createSqlDedupe((text, values) => pool.query(text, values)),
    async ping() {
      await pool.query('SELECT 1');
    },
    stop: () => pool.end(),
  };
}
