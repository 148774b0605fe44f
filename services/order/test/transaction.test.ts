import { withTransaction } from '@shop/postgres';
import { Pool } from 'pg';
import { migratedDatabase } from './support';

/** @shop/postgres withTransaction as the sweeps use it: awaiting a sidecar call mid-transaction. */
describe('a transaction whose connection the server drops while it awaits other work', () => {
  let pool: Pool;
  beforeAll(async () => {
    pool = await migratedDatabase('shop_order_unit');
  });
  afterAll(() => pool.end());

  test('When the server terminates the connection mid-transaction, then the work rejects and the process lives on', async () => {
    const admin = new Pool({
      connectionString: (pool as unknown as { options: { connectionString: string } }).options.connectionString,
      max: 1,
    });
    const crashes: unknown[] = [];
    const onUncaught = (err: unknown) => crashes.push(err);
    process.on('uncaughtException', onUncaught);

    const outcome = withTransaction(pool, async (tx) => {
      const { rows } = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]); // what a server stop does
      await new Promise((r) => setTimeout(r, 200)); // the "sidecar call" the sweep awaits
      await tx.query('SELECT 1');
    });

    await expect(outcome).rejects.toThrow();
    process.off('uncaughtException', onUncaught);
    await admin.end();
    expect(crashes).toEqual([]);
    expect((await pool.query('SELECT 1 AS ok')).rows[0].ok).toBe(1); // the pool hands out a healthy client
  });
});
