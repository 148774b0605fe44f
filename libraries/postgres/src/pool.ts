import { Pool } from 'pg';
import type { EventDedupe, Stoppable } from '@shop/service-kit';
import { createSqlDedupe } from './dedupe';

/** The longest one query may take; a request's store work stays well within the gateway's bound. */
export const QUERY_TIMEOUT_MS = 5_000;

export interface PostgresStore extends Stoppable {
  readonly pool: Pool;
  readonly dedupe: EventDedupe;
  ping(): Promise<void>;
}

/**
 * A pool that gives up quickly when the server is gone, so /readyz turns red in seconds, and
 * never waits on a server that stopped answering: without `query_timeout` a query on a
 * connection that hangs (no reset, no answer) waited forever, and so did its request.
 */
export function openPostgres(url: string, applicationName: string): PostgresStore {
  const pool = new Pool({
    connectionString: url,
    application_name: applicationName,
    connectionTimeoutMillis: 2_000,
    query_timeout: QUERY_TIMEOUT_MS,
    // The same bound on the server, so a query the client gave up on stops there too.
    statement_timeout: QUERY_TIMEOUT_MS,
    keepAlive: true,
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
