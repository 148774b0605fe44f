import type { RecordedEvent } from '../../domain/events';
import type { Order } from '../../domain/order';

/** The public order (§5): no payment ids, no internal flags. */
export function orderBody(o: Order) {
  return {
    id: o.id,
    status: o.status,
    items: o.items.map((i) => ({ productId: i.productId, name: i.name, quantity: i.quantity, unitPrice: i.unitPrice })),
    total: o.total,
    currency: o.currency,
    shippingAddress: o.shippingAddress,
    ...(o.cancellationReason === null ? {} : { cancellationReason: o.cancellationReason }),
    ...(o.shipment === null ? {} : { shipment: o.shipment }),
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

// Payment provider ids stay inside: the history shows what happened, not how to reach the provider.
const PRIVATE_FIELDS = new Set(['paymentId', 'refundId', 'userId']);

export function historyBody(events: readonly RecordedEvent[]) {
  return events.map((e) => ({
    type: e.type,
    at: e.at.toISOString(),
    data: Object.fromEntries(Object.entries(e.data).filter(([k]) => !PRIVATE_FIELDS.has(k))),
  }));
}
