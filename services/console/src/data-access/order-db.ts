import pg from 'pg';
import type { OrderRecord, Orders } from '../domain/ports';

/**
 * Read-only queries on the order service's database (its projection and its event log). The
 * order REST API answers only an order's own customer, and an operator needs any order; a
 * read-only transaction keeps the console from ever writing there, even by mistake.
 */
export function createOrderDb(url: string | undefined): Orders {
  if (!url) return { configured: false, get: async () => undefined, close: async () => undefined };
  const pool = new pg.Pool({
    connectionString: url,
    max: 2,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 1_500,
    statement_timeout: 2_000,
    application_name: 'console',
  });
  pool.on('error', () => undefined); // a dropped idle connection is reported by the next query
  return {
    configured: true,
    async get(orderId) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN READ ONLY');
        const o = await client.query(
          'SELECT id, status, total, currency, cancellation_reason, payment, created_at, updated_at FROM orders WHERE id = $1',
          [orderId],
        );
        const row = o.rows[0];
        if (!row) return undefined;
        const items = await client.query(
          'SELECT product_id, name, quantity, unit_price FROM order_items WHERE order_id = $1 ORDER BY name',
          [orderId],
        );
        const events = await client.query(
          'SELECT seq, type, data, occurred_at FROM order_events WHERE order_id = $1 ORDER BY seq',
          [orderId],
        );
        const record: OrderRecord = {
          id: row.id,
          status: row.status,
          total: Number(row.total),
          currency: row.currency,
          cancellationReason: row.cancellation_reason,
          payment: row.payment,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
          items: items.rows.map((r) => ({
            productId: r.product_id,
            name: r.name,
            quantity: r.quantity,
            unitPrice: Number(r.unit_price),
          })),
          history: events.rows.map((r) => ({ seq: r.seq, type: r.type, at: r.occurred_at, data: r.data })),
        };
        return record;
      } finally {
        await client.query('ROLLBACK').catch(() => undefined);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
