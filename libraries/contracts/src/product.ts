import { defineContract, type ServiceImplementation } from './contract';
import type { ProductServiceClient, ProductServiceHandlers } from './generated/product/v1/ProductService';
import type { ReservationResult, ReservationResult__Output } from './generated/product/v1/ReservationResult';
import { holdsStock, type ReservationOutcome } from './reservation';
import { reservationStatus, type ReservationStatusWire } from './statuses';

/** product.v1.ProductService: catalog reads and the checkout's stock reservations (called by order). */
export const productContract = defineContract<ProductServiceClient, ProductServiceHandlers>(
  'product/v1/product.proto',
  'product.v1.ProductService',
);
export type { ProductServiceClient };
export type ProductServiceImplementation = ServiceImplementation<ProductServiceHandlers>;
export type * from './generated/product/v1/GetProductsRequest';
export type * from './generated/product/v1/GetProductsResponse';
export type * from './generated/product/v1/InventoryUpdate';
export type * from './generated/product/v1/OrderRef';
export type * from './generated/product/v1/ProductSummary';
export type * from './generated/product/v1/ReservationResult';
export type * from './generated/product/v1/ReserveStockRequest';
export type * from './generated/product/v1/Shortage';
export type * from './generated/product/v1/StockLine';
export type * from './generated/product/v1/WatchInventoryRequest';

/** A ReservationResult whose status was checked at the entry (never UNSPECIFIED). */
export type CheckedReservationResult = Omit<ReservationResult__Output, 'status'> & { status: ReservationStatusWire };

/** Product's answer: the outcome as the wire carries it. */
export function reservationResultOf(o: ReservationOutcome): ReservationResult {
  return {
    order_id: o.orderId,
    status: reservationStatus.toWire(o.status),
    reserved: holdsStock(o.status),
    expires_at: o.expiresAt.toISOString(),
    shortages: o.shortages.map((s) => ({ product_id: s.productId, requested: s.requested, available: s.available })),
  };
}

/** Order's reading of product's (validated) answer. */
export function reservationOutcomeOf(r: CheckedReservationResult): ReservationOutcome {
  return {
    orderId: r.order_id,
    status: reservationStatus.fromWire(r.status),
    reserved: r.reserved,
    expiresAt: new Date(r.expires_at),
    shortages: r.shortages.map((s) => ({ productId: s.product_id, requested: s.requested, available: s.available })),
  };
}
