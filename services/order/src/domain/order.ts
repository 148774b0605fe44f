import { AppError } from '@shop/service-kit/errors';
import type { CancellationReason, OrderEvent, OrderLine, RecordedEvent, ShippingAddress } from './events';

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'CANCELLED', 'SHIPPED', 'DELIVERED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface PaymentState {
  readonly paymentId: string;
  readonly authorized: number;
  readonly captured: number;
  readonly refunded: number;
}

/** The order aggregate: a left fold of its events (and nothing else). */
export interface Order {
  readonly id: string;
  readonly userId: string;
  readonly status: OrderStatus;
  readonly items: readonly OrderLine[];
  readonly total: number;
  readonly currency: string;
  readonly shippingAddress: ShippingAddress;
  readonly stockReserved: boolean;
  readonly payment: PaymentState | null;
  readonly cancellationReason: CancellationReason | null;
  readonly shipment: { readonly carrier: string; readonly trackingNumber: string } | null;
  /** The seq of the last event applied: the expected version for the next append. */
  readonly version: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

const corrupt = (orderId: string, why: string) => new Error(`Order ${orderId} history is inconsistent: ${why}`);

/** Applies one recorded event. Pure: the projection and every rebuild use this one function. */
export function evolve(order: Order | undefined, event: RecordedEvent): Order {
  if (event.type === 'OrderPlaced') {
    if (order) throw corrupt(event.orderId, 'placed twice');
    return {
      id: event.orderId,
      userId: event.data.userId,
      status: 'PENDING',
      items: event.data.items,
      total: event.data.total,
      currency: event.data.currency,
      shippingAddress: event.data.shippingAddress,
      stockReserved: false,
      payment: null,
      cancellationReason: null,
      shipment: null,
      version: event.seq,
      createdAt: event.at,
      updatedAt: event.at,
    };
  }
  if (!order) throw corrupt(event.orderId, `${event.type} before OrderPlaced`);
  const next = { ...order, version: event.seq, updatedAt: event.at };
  const payment = order.payment;
  switch (event.type) {
    case 'StockReserved':
      return { ...next, stockReserved: true };
    case 'PaymentAuthorized':
      return {
        ...next,
        payment: { paymentId: event.data.paymentId, authorized: event.data.amount, captured: 0, refunded: 0 },
      };
    case 'PaymentCaptured':
      if (!payment) throw corrupt(order.id, 'captured without authorisation');
      return { ...next, payment: { ...payment, captured: payment.captured + event.data.amount } };
    case 'RefundIssued':
      if (!payment) throw corrupt(order.id, 'refund without payment');
      return { ...next, payment: { ...payment, refunded: payment.refunded + event.data.amount } };
    case 'OrderConfirmed':
      return { ...next, status: 'CONFIRMED' };
    case 'OrderCancelled':
      return { ...next, status: 'CANCELLED', cancellationReason: event.data.reason };
    case 'OrderShipped':
      return { ...next, status: 'SHIPPED', shipment: { ...event.data } };
    case 'OrderDelivered':
      return { ...next, status: 'DELIVERED' };
  }
}

/** The order as it will be after `events` (not yet recorded): for decisions taken together. */
export function evolveAll(current: Order, events: readonly OrderEvent[]): Order {
  return events.reduce<Order>(
    (o, e) => evolve(o, { ...e, orderId: o.id, seq: o.version + 1, at: o.updatedAt } as RecordedEvent),
    current,
  );
}

/** Rebuilds an order from its full history, oldest first. */
export function rebuild(events: readonly RecordedEvent[]): Order | undefined {
  return events.reduce<Order | undefined>(evolve, undefined);
}

// Decisions: given the current order, which events (if any) a command produces. An empty
// list means "already done": every command is idempotent, because activities and HTTP
// clients retry.

const conflict = (order: Order, action: string) =>
  new AppError('CONFLICT', `The order cannot be ${action} while it is ${order.status}`);

export function reserveStock(order: Order, expiresAt?: string): OrderEvent[] {
  if (order.stockReserved) return [];
  if (order.status !== 'PENDING') throw conflict(order, 'reserved');
  return [{ type: 'StockReserved', data: expiresAt === undefined ? {} : { expiresAt } }];
}

// Authorisation and capture are facts at the provider: they are recorded even when a cancel
// won the race, so the compensation sees the money and voids or refunds it.
const recordable = (order: Order) => order.status === 'PENDING' || order.status === 'CANCELLED';

export function authorizePayment(order: Order, paymentId: string): OrderEvent[] {
  if (order.payment) return [];
  if (!recordable(order)) throw conflict(order, 'paid');
  return [{ type: 'PaymentAuthorized', data: { paymentId, amount: order.total } }];
}

export function capturePayment(order: Order): OrderEvent[] {
  if (!order.payment) throw conflict(order, 'captured without an authorised payment');
  if (order.payment.captured >= order.total) return [];
  if (!recordable(order)) throw conflict(order, 'captured');
  return [{ type: 'PaymentCaptured', data: { paymentId: order.payment.paymentId, amount: order.total } }];
}

/** Only a fully paid, reserved order is confirmed: no confirmed order without captured money. */
export function confirm(order: Order): OrderEvent[] {
  if (order.status === 'CONFIRMED') return [];
  if (order.status !== 'PENDING') throw conflict(order, 'confirmed');
  if (!order.stockReserved || !order.payment || order.payment.captured < order.total) {
    throw new AppError('CONFLICT', 'The order is not reserved and paid yet');
  }
  return [{ type: 'OrderConfirmed', data: {} }];
}

export function cancel(order: Order, reason: CancellationReason): OrderEvent[] {
  if (order.status === 'CANCELLED') return [];
  if (order.status !== 'PENDING' && order.status !== 'CONFIRMED') throw conflict(order, 'cancelled');
  return [{ type: 'OrderCancelled', data: { reason } }];
}

/** Money still held from the customer: what a compensation must give back. */
export function refundDue(order: Order): number {
  return order.payment ? order.payment.captured - order.payment.refunded : 0;
}

export function recordRefund(order: Order, refundId: string): OrderEvent[] {
  const due = refundDue(order);
  if (due <= 0 || !order.payment) return [];
  return [{ type: 'RefundIssued', data: { paymentId: order.payment.paymentId, refundId, amount: due } }];
}

export function ship(order: Order, shipment: { carrier: string; trackingNumber: string }): OrderEvent[] {
  if (order.status === 'SHIPPED' && order.shipment?.trackingNumber === shipment.trackingNumber) return [];
  if (order.status !== 'CONFIRMED') throw conflict(order, 'shipped');
  return [{ type: 'OrderShipped', data: shipment }];
}

export function deliver(order: Order): OrderEvent[] {
  if (order.status === 'DELIVERED') return [];
  if (order.status !== 'SHIPPED') throw conflict(order, 'delivered');
  return [{ type: 'OrderDelivered', data: {} }];
}
