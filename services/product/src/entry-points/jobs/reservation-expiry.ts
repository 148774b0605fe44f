import type { Logger, Stoppable } from '@shop/service-kit';
import { expireReservation, expiredOrders, type InventoryDeps } from '../../domain/use-cases/inventory';

/**
 * Releases holds whose time ran out. Every replica sweeps; each release is idempotent and
 * serialised per order, so two sweeps (or a sweep racing the order's own release) give the
 * units back once. A plain in-process timer rather than a Dapr cron binding: it needs no
 * extra component, runs in tests without a sidecar, and a missed tick only delays a release.
 */
export function startReservationExpiry(inventory: InventoryDeps, logger: Logger, intervalMs: number): Stoppable {
  let running: Promise<void> | undefined;
  async function sweep(): Promise<void> {
    const orderIds = await expiredOrders(inventory, 100);
    for (const orderId of orderIds) {
      const outcome = await expireReservation(inventory, orderId);
      if (outcome.status === 'released') logger.info('reservation expired and released', { orderId });
    }
  }
  const timer = setInterval(() => {
    if (running) return; // one sweep at a time
    running = sweep()
      .catch((err: unknown) => {
        logger.warn('reservation expiry sweep failed', { err });
      })
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return {
    name: 'reservation-expiry',
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
