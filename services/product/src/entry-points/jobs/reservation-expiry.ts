import type { Logger, Metrics, Stoppable } from '@shop/service-kit';
import { periodic } from '@shop/service-kit/periodic';
import {
  expireReservation,
  expiredOrders,
  pruneSettledMarks,
  type InventoryDeps,
} from '../../domain/use-cases/inventory';

/**
 * Releases holds whose time ran out, finishes closes a crash interrupted, and drops the settled
 * stock marks no write dropped. Every replica sweeps; each release is idempotent and
 * serialised per order, so two sweeps (or a sweep racing the order's own release) give the
 * units back once. A plain in-process timer rather than a Dapr cron binding: it needs no
 * extra component, runs in tests without a sidecar, and a missed tick only delays a release.
 */
export function startReservationExpiry(
  inventory: InventoryDeps,
  logger: Logger,
  intervalMs: number,
  metrics?: Pick<Metrics, 'registry'>,
): Stoppable {
  async function sweep(): Promise<void> {
    const orderIds = await expiredOrders(inventory, 100);
    for (const orderId of orderIds) {
      const outcome = await expireReservation(inventory, orderId);
      if (outcome.status === 'released') logger.info('reservation expired and released', { orderId });
    }
    await pruneSettledMarks(inventory);
  }
  const job = periodic('reservation expiry sweep', sweep, {
    logger,
    intervalMs,
    ref: false,
    ...(metrics ? { metrics } : {}),
  });
  job.start();
  return { name: 'reservation-expiry', stop: () => job.stop() };
}
