import { Counter, Histogram, type Registry } from 'prom-client';
import type { CommittedChange } from '../../data-access/order-repository';

/**
 * Checkout outcomes for operators, fed by committed order events (so an activity that Dapr
 * runs twice is counted once: the second run appends nothing). A checkout ends when a
 * PENDING order becomes CONFIRMED or CANCELLED; its duration runs from OrderPlaced.
 */
export function checkoutMetrics(registry: Registry): (change: CommittedChange) => void {
  const outcomes = new Counter({
    name: 'shop_checkouts_total',
    help: 'Checkouts that ended, by outcome (confirmed, cancelled) and cancellation reason',
    labelNames: ['outcome', 'reason'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'shop_checkout_duration_seconds',
    help: 'From POST /v1/orders (OrderPlaced) to CONFIRMED or CANCELLED',
    labelNames: ['outcome'] as const,
    buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30, 60, 120, 300, 900],
    registers: [registry],
  });
  const placed = new Counter({
    name: 'shop_orders_placed_total',
    help: 'Orders placed (PENDING, a checkout saga owed)',
    registers: [registry],
  });
  const refunds = new Counter({
    name: 'shop_refunds_total',
    help: 'Refunds issued to customers (declined checkouts void instead; cancels after capture refund)',
    registers: [registry],
  });

  return ({ before, after, events }) => {
    for (const event of events) {
      if (event.type === 'OrderPlaced') placed.inc();
      if (event.type === 'RefundIssued') refunds.inc();
    }
    if (before?.status !== 'PENDING') return;
    if (after.status !== 'CONFIRMED' && after.status !== 'CANCELLED') return;
    const outcome = after.status === 'CONFIRMED' ? 'confirmed' : 'cancelled';
    outcomes.inc({ outcome, reason: after.cancellationReason ?? '' });
    duration.observe({ outcome }, (after.updatedAt.getTime() - after.createdAt.getTime()) / 1000);
  };
}
