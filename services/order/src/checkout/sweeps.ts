import type { Pool } from 'pg';
import { withTransaction } from '@shop/postgres';
import type { Logger, Metrics, Stoppable } from '@shop/service-kit';
import { periodic } from '@shop/service-kit/periodic';
import type { CheckoutClient, SagaHealth } from './client';
import { claimDueStarts, forgetOwedStart, noOwedStartFor, postponeStart, type SagaKind } from './owed-starts';

export interface Sweep extends Stoppable {
  start(): void;
  /** One pass; resolves with how many sagas it started or restarted. Tests call it directly. */
  sweepOnce(): Promise<number>;
}

export interface SagaRecoveryOptions {
  readonly pool: Pool;
  readonly schedule: (orderId: string, saga: SagaKind, paymentToken: string | null) => Promise<void>;
  readonly logger: Logger;
  /** Where the sweep's passes are counted (shop_job_pass_duration_seconds). */
  readonly metrics?: Pick<Metrics, 'registry'>;
  /** A start younger than this is left to the request that owes it. */
  readonly graceSeconds?: number;
  readonly intervalMs?: number;
  readonly batchSize?: number;
}

/**
 * Repairs owed starts: a process killed between committing an order and starting its
 * workflow (or a sidecar that was down) would otherwise leave it PENDING forever. Rows are
 * claimed with FOR UPDATE SKIP LOCKED, so replicas share the sweep; a failed start backs off
 * exponentially and stops the pass, the sidecar likely being down.
 */
export function createSagaRecovery(options: SagaRecoveryOptions): Sweep {
  const { pool, schedule, logger } = options;
  async function sweepOnce(): Promise<number> {
    return withTransaction(pool, async (tx) => {
      let started = 0;
      for (const row of await claimDueStarts(tx, options.graceSeconds ?? 10, options.batchSize ?? 50)) {
        try {
          await schedule(row.order_id, row.saga, row.payment_token);
        } catch (err) {
          const delaySeconds = await postponeStart(tx, row);
          logger.warn('owed saga not started; retrying later', {
            orderId: row.order_id,
            saga: row.saga,
            delaySeconds,
            err,
          });
          break;
        }
        await forgetOwedStart(tx, row.order_id, row.saga);
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
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  return { ...job, sweepOnce };
}

export interface StalledSagaOptions {
  readonly pool: Pool;
  readonly inspector: Pick<CheckoutClient, 'inspect' | 'restart'>;
  readonly logger: Logger;
  readonly metrics?: Pick<Metrics, 'registry'>;
  /** A PENDING order whose saga made no progress for this long is looked at. */
  readonly stallSeconds: number;
  readonly confirmationTimeoutSeconds: number;
  readonly intervalMs?: number;
}

const ORPHAN_RECHECK_MS = 10 * 60_000;

export type Verdict = 'leave' | 'restart' | 'orphan';

/** What to do with the saga of an order that has stayed PENDING for a while. Pure. */
export function verdictOn(health: SagaHealth, now: number, stallSeconds: number, timeoutSeconds: number): Verdict {
  if (health.state === 'missing') return 'orphan';
  const idleSeconds = (now - health.lastUpdatedAt.getTime()) / 1000;
  if (health.state === 'finished') return 'restart'; // finished, yet the order never settled
  if (health.state === 'waiting') return idleSeconds > timeoutSeconds + stallSeconds ? 'restart' : 'leave';
  return idleSeconds > stallSeconds ? 'restart' : 'leave';
}

/**
 * Repairs stalled sagas. Seen here: a sidecar killed with SIGKILL while it dispatched an
 * activity loses that work item, and Dapr 1.18 never re-sends it, so the saga waits forever.
 * Running the saga again from the start is safe (every step is idempotent and checks the
 * order first); the old instance is terminated before.
 */
export function createStalledSagaSweep(options: StalledSagaOptions): Sweep {
  const { pool, inspector, logger, stallSeconds, confirmationTimeoutSeconds } = options;
  // Orders looked at and left alone (a saga legitimately waiting for 3-D Secure), with when to
  // look again: without it the oldest 20 waiting orders would fill every sweep forever.
  const notBefore = new Map<string, number>();

  async function sweepOnce(): Promise<number> {
    const now = Date.now();
    for (const [id, at] of notBefore) if (at <= now) notBefore.delete(id);
    return withTransaction(pool, async (tx) => {
      // Row locks keep replicas from restarting one saga twice; owed starts are the other sweep's.
      const { rows } = await tx.query<{ id: string }>(
        `SELECT o.id FROM orders o
         WHERE o.status = 'PENDING' AND o.updated_at < now() - make_interval(secs => $1)
           AND ${noOwedStartFor('o.id')} AND NOT (o.id = ANY($2::uuid[]))
         ORDER BY o.updated_at LIMIT 20 FOR UPDATE SKIP LOCKED`,
        [stallSeconds, [...notBefore.keys()]],
      );
      let restarted = 0;
      for (const { id } of rows) {
        const health = await inspector.inspect(id);
        const verdict = verdictOn(health, Date.now(), stallSeconds, confirmationTimeoutSeconds);
        if (verdict === 'orphan') {
          logger.error('PENDING order without a checkout saga', { orderId: id });
          notBefore.set(id, Date.now() + ORPHAN_RECHECK_MS); // an operator's case: said once, not every sweep
        }
        if (verdict === 'leave' && health.state !== 'missing') {
          const idleUntil = health.state === 'waiting' ? confirmationTimeoutSeconds + stallSeconds : stallSeconds;
          notBefore.set(id, health.lastUpdatedAt.getTime() + idleUntil * 1000);
        }
        if (verdict !== 'restart' || health.state === 'missing') continue;
        if (!health.paymentToken) {
          logger.error('stalled checkout saga has no readable input; left for an operator', { orderId: id });
          continue;
        }
        const done = await inspector.restart(id, health.paymentToken);
        logger.warn(done ? 'stalled checkout saga restarted' : 'stalled checkout saga would not stop yet', {
          orderId: id,
          was: health.state,
        });
        if (done) restarted += 1;
      }
      return restarted;
    });
  }

  const job = periodic('stalled saga sweep', sweepOnce, {
    logger,
    intervalMs: options.intervalMs ?? 10_000,
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
  return { ...job, sweepOnce };
}
