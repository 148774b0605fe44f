import type { Pool, PoolClient } from 'pg';
import { isStoreUnavailable } from '@shop/service-kit';

/**
 * Runs `work` in one transaction on one pooled client: COMMIT when it resolves, ROLLBACK when
 * it throws (the error is rethrown). Outbox events written with the same client commit or
 * vanish together with the change.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  // A transaction may await other work (a sidecar call in the sweeps and the relay). If the
  // server drops the connection meanwhile, pg emits 'error' on the checked-out client, and
  // with no listener that kills the process; the next query rejects instead, so note it here.
  const dropped = () => (broken = true);
  client.on('error', dropped);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A client whose ROLLBACK failed is in an unknown state: destroy it instead of pooling it.
    // One whose connection is gone or timed out would only wait out a second timeout on it.
    if (broken || isStoreUnavailable(err)) broken = true;
    else await client.query('ROLLBACK').catch(() => (broken = true));
    throw err;
  } finally {
    client.off('error', dropped);
    client.release(broken);
  }
}

/** SQLSTATE 23505: a unique constraint (or unique index) refused the row. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown } | undefined;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
