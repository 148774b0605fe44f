import type { Pool, PoolClient } from 'pg';
import type { OrderEvent } from '../domain/events';
import type { Order } from '../domain/order';

/**
 * The owed starts: an outbox for workflow starts (table `saga_starts`). A change that owes a
 * saga stores the start in its own transaction; the request starts the workflow at once and
 * forgets the row; a process killed in between, or a sidecar that is down, leaves the row for
 * the recovery sweep. Every statement on the table is in this file.
 */
export type SagaKind = 'checkout' | 'cancellation';

export interface OwedStart {
  readonly order_id: string;
  readonly saga: SagaKind;
  readonly payment_token: string | null;
  readonly attempts: number;
}

/**
 * The workflows a change owes, decided with the change. A PENDING order's cancel needs no new
 * saga: its running checkout saga compensates. A CONFIRMED order's saga has finished, so its
 * cancel owes a compensation saga.
 */
export function sagasOwedBy(before: Order | undefined, event: OrderEvent): SagaKind[] {
  if (event.type === 'OrderPlaced') return ['checkout'];
  if (event.type === 'OrderCancelled' && before?.status === 'CONFIRMED') return ['cancellation'];
  return [];
}

/** Stores the starts a change owes (`sagasOwedBy`), inside the transaction that appends it. */
export async function recordOwedStarts(
  tx: PoolClient,
  orderId: string,
  sagas: readonly SagaKind[],
  paymentToken: string | undefined,
): Promise<void> {
  for (const saga of sagas) {
    await tx.query(
      `INSERT INTO saga_starts (order_id, saga, payment_token) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [orderId, saga, saga === 'checkout' ? (paymentToken ?? null) : null],
    );
  }
}

/** The start happened: the row (and the payment token in it) goes. */
export async function forgetOwedStart(db: Pool | PoolClient, orderId: string, saga: SagaKind): Promise<void> {
  await db.query('DELETE FROM saga_starts WHERE order_id = $1 AND saga = $2', [orderId, saga]);
}

/** Due starts older than the grace period, locked for this transaction (replicas share the sweep). */
export async function claimDueStarts(tx: PoolClient, graceSeconds: number, limit: number): Promise<OwedStart[]> {
  const { rows } = await tx.query<OwedStart>(
    `SELECT order_id, saga, payment_token, attempts FROM saga_starts
     WHERE next_attempt_at <= now() AND created_at <= now() - make_interval(secs => $1)
     ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
    [graceSeconds, limit],
  );
  return rows;
}

/** A failed start waits longer each time (capped at 5 min). Answers the delay it chose. */
export async function postponeStart(tx: PoolClient, row: OwedStart): Promise<number> {
  const delaySeconds = Math.min(300, 2 ** Math.min(row.attempts, 8));
  await tx.query(
    `UPDATE saga_starts SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $3)
     WHERE order_id = $1 AND saga = $2`,
    [row.order_id, row.saga, delaySeconds],
  );
  return delaySeconds;
}

/** SQL condition "no start is owed for the order `column`": the stalled sweep leaves those to the recovery sweep. */
export const noOwedStartFor = (column: string) =>
  `NOT EXISTS (SELECT 1 FROM saga_starts s WHERE s.order_id = ${column})`;
