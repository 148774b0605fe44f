import type { OrderEvent } from './events';
import type { Order } from './order';

/** An integration event for other services (leaves through the transactional outbox). */
export interface IntegrationEvent {
  /** Derived from the fact (order id + seq): re-appending never makes a second event. */
  readonly id: string;
  readonly topic: string;
  readonly data: object;
}

const TOPICS: Partial<Record<OrderEvent['type'], string>> = {
  OrderPlaced: 'order.created',
  OrderConfirmed: 'order.confirmed',
  OrderCancelled: 'order.cancelled',
  OrderShipped: 'order.shipped',
};

/**
 * Which domain events other services hear about, and what they carry: a stable public
 * shape (ids, status, money), never the internal event data (payment ids, addresses).
 */
export function integrationEventsFor(order: Order, event: OrderEvent, seq: number): IntegrationEvent[] {
  const topic = TOPICS[event.type];
  if (!topic) return [];
  const data: Record<string, unknown> = {
    orderId: order.id,
    userId: order.userId,
    status: order.status,
    total: order.total,
    currency: order.currency,
    items: order.items.map((i) => ({ productId: i.productId, quantity: i.quantity })),
    at: order.updatedAt.toISOString(),
  };
  if (event.type === 'OrderCancelled') data['reason'] = event.data.reason;
  if (event.type === 'OrderShipped') data['carrier'] = event.data.carrier;
  return [{ id: `${topic}/${order.id}/${seq}`, topic, data }];
}
