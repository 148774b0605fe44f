import type { Pool, PoolClient } from 'pg';
import { enqueueOutbox, isUniqueViolation, withTransaction, type OutboxEvent } from '@shop/postgres';
import { AppError } from '@shop/service-kit';
import { retry } from '@shop/service-kit/retry';
import type { OrderEvent, RecordedEvent } from '../domain/events';
import { integrationEventsFor } from '../domain/integration-events';
import { evolve, rebuild, type Order } from '../domain/order';
import type { OrderStore } from '../domain/ports';
import { recordOwedStarts, sagasOwedBy, type SagaKind } from '../checkout/owed-starts';
import {
  ORDER_COLUMNS,
  projectionValues,
  toEvent,
  toLine,
  toOrder,
  type EventRow,
  type ItemRow,
  type OrderRow,
} from './order-records';

/** One committed append: the order before and after it, and the events between. */
export interface CommittedChange {
  readonly before: Order | undefined;
  readonly after: Order;
  readonly events: readonly RecordedEvent[];
}

export interface OrderStoreOptions {
  readonly pubsubName: string;
  /**
   * Called after a transaction that appended events committed, with the order after them:
   * wakes the relays and feeds the checkout metrics.
   */
  readonly onEventsCommitted?: (change: CommittedChange) => void;
}

const PLACEHOLDERS = ORDER_COLUMNS.split(',')
  .map((_, i) => `$${i + 1}`)
  .join(', ');
const UPDATABLE = ORDER_COLUMNS.split(',')
  .map((c) => c.trim())
  .filter((c) => c !== 'id' && c !== 'user_id' && c !== 'created_at')
  .map((c) => `${c} = EXCLUDED.${c}`)
  .join(', ');

/**
 * Appends events after `current` (seq = version + 1...), folds them in, writes the
 * projection and the integration events: one transaction, so the read model and the
 * outbox can never disagree with the history. The events are decided in memory first and
 * written with one statement per table: a saga step appends up to three.
 */
async function append(
  tx: PoolClient,
  pubsub: string,
  current: Order | undefined,
  events: readonly OrderEvent[],
  orderId: string,
  paymentToken?: string,
) {
  let order = current;
  const appended: RecordedEvent[] = [];
  const owed: SagaKind[] = [];
  const outbox: OutboxEvent[] = [];
  const at = new Date();
  for (const event of events) {
    const recorded = { ...event, orderId, seq: (order?.version ?? 0) + 1, at } as RecordedEvent;
    owed.push(...sagasOwedBy(order, event));
    order = evolve(order, recorded);
    appended.push(recorded);
    outbox.push(...integrationEventsFor(order, event, recorded.seq));
  }
  if (!order) return undefined;
  const values = appended.flatMap((e) => [orderId, e.seq, e.type, JSON.stringify(e.data), e.at]);
  const rows = appended.map(
    (_, i) => `($${i * 5 + 1}, $${i * 5 + 2}, $${i * 5 + 3}, $${i * 5 + 4}::jsonb, $${i * 5 + 5})`,
  );
  await tx.query(`INSERT INTO order_events (order_id, seq, type, data, occurred_at) VALUES ${rows.join(', ')}`, values);
  await recordOwedStarts(tx, orderId, owed, paymentToken);
  await enqueueOutbox(tx, pubsub, outbox);
  await tx.query(
    `INSERT INTO orders (${ORDER_COLUMNS}) VALUES (${PLACEHOLDERS}) ON CONFLICT (id) DO UPDATE SET ${UPDATABLE}`,
    projectionValues(order),
  );
  return { before: current, after: order, events: appended };
}

export function createOrderStore(pool: Pool, options: OrderStoreOptions): OrderStore {
  const committed = (written: CommittedChange | undefined) => {
    if (written && written.events.length > 0) options.onEventsCommitted?.(written);
  };
  const itemsOf = async (orderId: string) =>
    (
      await pool.query<ItemRow>('SELECT * FROM order_items WHERE order_id = $1 ORDER BY product_id', [orderId])
    ).rows.map(toLine);
  const historyOf = async (db: Pool | PoolClient, orderId: string) =>
    (await db.query<EventRow>('SELECT * FROM order_events WHERE order_id = $1 ORDER BY seq', [orderId])).rows.map(
      toEvent,
    );

  return {
    async findByKey(userId, key) {
      const { rows } = await pool.query<{ order_id: string; request_hash: string }>(
        'SELECT order_id, request_hash FROM idempotency_keys WHERE user_id = $1 AND key = $2',
        [userId, key],
      );
      return rows[0] && { orderId: rows[0].order_id, requestHash: rows[0].request_hash };
    },

    async place(input) {
      const result = await withTransaction(pool, async (tx) => {
        // A concurrent identical request blocks here until the first commits, then finds its row.
        const claimed = await tx.query(
          `INSERT INTO idempotency_keys (user_id, key, order_id, request_hash) VALUES ($1, $2, $3, $4)
           ON CONFLICT (user_id, key) DO NOTHING`,
          [input.userId, input.idempotencyKey, input.id, input.requestHash],
        );
        if (claimed.rowCount === 0) {
          const { rows } = await tx.query<{ order_id: string; request_hash: string }>(
            'SELECT order_id, request_hash FROM idempotency_keys WHERE user_id = $1 AND key = $2',
            [input.userId, input.idempotencyKey],
          );
          const row = rows[0];
          if (!row) throw new AppError('CONFLICT', 'The Idempotency-Key is being used by another request; retry');
          return { orderId: row.order_id, created: false, requestHash: row.request_hash, written: undefined };
        }
        const written = await append(tx, options.pubsubName, undefined, [input.placed], input.id, input.paymentToken);
        for (const line of input.placed.data.items) {
          await tx.query(
            'INSERT INTO order_items (order_id, product_id, name, quantity, unit_price) VALUES ($1, $2, $3, $4, $5)',
            [input.id, line.productId, line.name, line.quantity, line.unitPrice],
          );
        }
        return { orderId: input.id, created: true, requestHash: input.requestHash, written };
      });
      committed(result.written);
      const { orderId, created, requestHash } = result;
      const placed = result.written?.after;
      // Lines in the order `get` reads them back in (by product id).
      const order = placed && { ...placed, items: [...placed.items].sort((a, b) => cmp(a.productId, b.productId)) };
      return order ? { orderId, created, requestHash, order } : { orderId, created, requestHash };
    },

    update(orderId, decide) {
      // A unique violation on (order_id, seq) means another writer won the race: re-read, re-decide.
      return retry(
        async () => {
          const { order, written } = await withTransaction(pool, async (tx) => {
            // The row lock serialises commands on one order; the (order_id, seq) key backs it up.
            // Lock and history in one round trip: a saga's step is a handful of these per order.
            const { rows } = await tx.query<EventRow>(
              `WITH locked AS (SELECT id FROM orders WHERE id = $1 FOR UPDATE)
           SELECT e.* FROM order_events e JOIN locked ON e.order_id = locked.id ORDER BY e.seq`,
              [orderId],
            );
            const current = rebuild(rows.map(toEvent));
            if (!current) throw new AppError('NOT_FOUND', 'No such order');
            const events = decide(current);
            const next =
              events.length === 0 ? undefined : await append(tx, options.pubsubName, current, events, orderId);
            return { order: next?.after ?? current, written: next };
          });
          committed(written);
          return order;
        },
        { attempts: 3, backoff: { initialMs: 0, maxMs: 0 }, retryIf: (err) => isUniqueViolation(err) },
      );
    },

    async get(orderId) {
      // One round trip for the order and its lines (the saga and every Prefer: wait re-read ask).
      const { rows } = await pool.query<OrderRow & { lines: ItemRow[] | null }>(
        `SELECT ${ORDER_COLUMNS},
           (SELECT json_agg(i ORDER BY i.product_id) FROM order_items i WHERE i.order_id = o.id) AS lines
         FROM orders o WHERE o.id = $1`,
        [orderId],
      );
      return rows[0] && toOrder(rows[0], (rows[0].lines ?? []).map(toLine));
    },

    async list(userId, { page, pageSize }) {
      const { rows } = await pool.query<OrderRow & { total_count: string }>(
        `SELECT ${ORDER_COLUMNS}, count(*) OVER () AS total_count FROM orders WHERE user_id = $1
         ORDER BY created_at DESC, id LIMIT $2 OFFSET $3`,
        [userId, pageSize, (page - 1) * pageSize],
      );
      const items = await Promise.all(rows.map(async (r) => toOrder(r, await itemsOf(r.id))));
      return { items, total: rows[0] ? Number(rows[0].total_count) : await countOf(pool, userId) };
    },

    history: (orderId) => historyOf(pool, orderId),
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Past the last page the window count is unavailable; ask for it.
async function countOf(pool: Pool, userId: string): Promise<number> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM orders WHERE user_id = $1', [
    userId,
  ]);
  return rows[0]?.n ?? 0;
}
