import type { Pool } from 'pg';
import { withTransaction } from '@shop/postgres';
import type { Logger, Stoppable } from '@shop/service-kit';
import type { SagaKind } from '../../domain/saga-starts';
import { periodic } from './periodic';

interface OwedStart {
  order_id: string;
  saga: SagaKind;
  payment_token: string | null;
  attempts: number;
}

export interface SagaRecoveryOptions {
  readonly pool: Pool;
  readonly schedule: (orderId: string, saga: SagaKind, paymentToken: string | null) => Promise<void>;
  readonly logger: Logger;
  /** A start younger than this is left to the request that owes it. */
  readonly graceSeconds?: number;
  readonly intervalMs?: number;
  readonly batchSize?: number;
}

export interface SagaRecovery extends Stoppable {
  start(): void;
  /** One sweep; resolves with how many owed starts were scheduled. Tests call it directly. */
  sweepOnce(): Promise<number>;
}

/**
 * Starts the sagas that orders still owe: a process killed between committing an order and
 * starting its workflow (or a sidecar that was down) would otherwise leave it PENDING forever.
 * Rows are claimed with FOR UPDATE SKIP LOCKED, so replicas share the sweep; a failed start
 * backs off exponentially (capped at 5 min) and stops the pass, the sidecar likely being down.
 */
export function createSagaRecovery(options: SagaRecoveryOptions): SagaRecovery {
  const { pool, schedule, logger } = options;
  const graceSeconds = options.graceSeconds ?? 10;
  async function sweepOnce(): Promise<number> {
    return withTransaction(pool, async (tx) => {
      const { rows } = await tx.query<OwedStart>(
        `SELECT order_id, saga, payment_token, attempts FROM saga_starts
         WHERE next_attempt_at <= now() AND created_at <= now() - make_interval(secs => $1)
         ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [graceSeconds, options.batchSize ?? 50],
      );
      let started = 0;
      for (const row of rows) {
        try {
          await schedule(row.order_id, row.saga, row.payment_token);
        } catch (err) {
          const delaySeconds = Math.min(300, 2 ** Math.min(row.attempts, 8));
          await tx.query(
            `UPDATE saga_starts SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $3)
             WHERE order_id = $1 AND saga = $2`,
            [row.order_id, row.saga, delaySeconds],
          );
          logger.warn('owed saga not started; retrying later', {
            orderId: row.order_id,
            saga: row.saga,
            delaySeconds,
            err,
          });
          break;
        }
        await tx.query('DELETE FROM saga_starts WHERE order_id = $1 AND saga = $2', [row.order_id, row.saga]);
        logger.info('owed saga started by the recovery sweep', { orderId: row.order_id, saga: row.saga });
        started += 1;
      }
      return started;
    });
  }

  const job = periodic('saga recovery', sweepOnce, {
    logger,
    intervalMs: options.intervalMs ?? 5_000,
    firstDelayMs: 0,
  });
  return { ...job, sweepOnce };
}
