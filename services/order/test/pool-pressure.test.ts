import { Pool } from 'pg';
import { isAppError } from '@shop/service-kit';
import { reportPoolPressure } from '../src/data-access/postgres-pool-pressure';
import { migratedDatabase } from './support';

describe('a pool under pressure', () => {
  test('When no connection frees up in time, then the query fails as UNAVAILABLE (a retryable 503), and queries work again once one is free', async () => {
    const migrated = await migratedDatabase('shop_order_unit');
    const url = (migrated as unknown as { options: { connectionString: string } }).options.connectionString;
    await migrated.end();
    const pool = reportPoolPressure(new Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 200 }));
    const held = await pool.connect();
    try {
      const failure = await pool.query('SELECT 1').catch((err: unknown) => err);
      const viaConnect = await pool.connect().catch((err: unknown) => err);

      expect(isAppError(failure) && failure.code).toBe('UNAVAILABLE');
      expect(isAppError(viaConnect) && viaConnect.code).toBe('UNAVAILABLE');
    } finally {
      held.release();
    }
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
  });
});
