// The order's domain events: the only source of truth. The `orders` table is derived from
// them, so everything a read needs must be in an event.

export interface OrderLine {
  readonly productId: string;
  readonly name: string;
  readonly quantity: number;
  /** Minor units, snapshotted from the catalog when the order was placed. */
  readonly unitPrice: number;
}

export interface ShippingAddress {
  readonly recipient: string;
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly region?: string;
  readonly postalCode: string;
  readonly country: string;
  readonly phone?: string;
}

export const CANCELLATION_REASONS = [
  'out_of_stock',
  'payment_declined',
  'payment_timeout',
  'customer_request',
  'checkout_failed',
] as const;
export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export type OrderEvent =
  | {
      readonly type: 'OrderPlaced';
      readonly data: {
        readonly userId: string;
        readonly items: readonly OrderLine[];
        readonly total: number;
        readonly currency: string;
        readonly shippingAddress: ShippingAddress;
      };
    }
  | { readonly type: 'StockReserved'; readonly data: { readonly expiresAt?: string } }
  | { readonly type: 'PaymentAuthorized'; readonly data: { readonly paymentId: string; readonly amount: number } }
  | { readonly type: 'PaymentCaptured'; readonly data: { readonly paymentId: string; readonly amount: number } }
  | { readonly type: 'OrderConfirmed'; readonly data: Record<string, never> }
  | { readonly type: 'OrderCancelled'; readonly data: { readonly reason: CancellationReason } }
  | {
      readonly type: 'RefundIssued';
      readonly data: { readonly paymentId: string; readonly refundId: string; readonly amount: number };
    }
  | { readonly type: 'OrderShipped'; readonly data: { readonly carrier: string; readonly trackingNumber: string } }
  | { readonly type: 'OrderDelivered'; readonly data: Record<string, never> };

export type OrderEventType = OrderEvent['type'];

/** An event as stored: its place in the order's history and when it happened. */
export type RecordedEvent = OrderEvent & { readonly orderId: string; readonly seq: number; readonly at: Date };
