import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in one transaction on one pooled client: COMMIT when it resolves, ROLLBACK when
 * it throws (the error is rethrown). Outbox events written with the same client commit or
 * vanish together with the change.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A client whose ROLLBACK failed is in an unknown state: destroy it instead of pooling it.
    await client.query('ROLLBACK').catch(() => (broken = true));
    throw err;
  } finally {
    client.release(broken);
  }
}

/** SQLSTATE 23505: a unique constraint (or unique index) refused the row. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: unknown; constraint?: unknown } | undefined;
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}
