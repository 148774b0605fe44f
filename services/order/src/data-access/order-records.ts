// Mapping between SQL rows and the domain's order and events.
import type { OrderLine, RecordedEvent, ShippingAddress } from '../domain/events';
import type { Order, OrderStatus } from '../domain/order';

export interface OrderRow {
  id: string;
  user_id: string;
  status: OrderStatus;
  total: string;
  currency: string;
  shipping_address: ShippingAddress;
  stock_reserved: boolean;
  payment: Order['payment'];
  cancellation_reason: Order['cancellationReason'];
  shipment: Order['shipment'];
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface ItemRow {
  order_id: string;
  product_id: string;
  name: string;
  quantity: number;
  unit_price: string;
}

export interface EventRow {
  order_id: string;
  seq: number;
  type: string;
  data: unknown;
  occurred_at: Date;
}

export const ORDER_COLUMNS = `id, user_id, status, total, currency, shipping_address, stock_reserved, payment,
  cancellation_reason, shipment, version, created_at, updated_at`;

export const toLine = (r: ItemRow): OrderLine => ({
  productId: r.product_id,
  name: r.name,
  quantity: r.quantity,
  unitPrice: Number(r.unit_price),
});

export const toOrder = (r: OrderRow, items: readonly OrderLine[]): Order => ({
  id: r.id,
  userId: r.user_id,
  status: r.status,
  items,
  total: Number(r.total),
  currency: r.currency,
  shippingAddress: r.shipping_address,
  stockReserved: r.stock_reserved,
  payment: r.payment,
  cancellationReason: r.cancellation_reason,
  shipment: r.shipment,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

// Stored rows were written by this service from typed events, so the cast is the contract.
export const toEvent = (r: EventRow): RecordedEvent =>
  ({ orderId: r.order_id, seq: r.seq, type: r.type, data: r.data, at: r.occurred_at }) as RecordedEvent;

/** The projection's column values for an order, in ORDER_COLUMNS order. */
export const projectionValues = (o: Order): unknown[] => [
  o.id,
  o.userId,
  o.status,
  o.total,
  o.currency,
  JSON.stringify(o.shippingAddress),
  o.stockReserved,
  o.payment === null ? null : JSON.stringify(o.payment),
  o.cancellationReason,
  o.shipment === null ? null : JSON.stringify(o.shipment),
  o.version,
  o.createdAt,
  o.updatedAt,
];
