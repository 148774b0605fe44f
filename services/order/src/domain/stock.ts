import type { CartLine } from './ports';

export interface ReservationOutcome {
  readonly reserved: boolean;
  readonly status: string;
  readonly shortages: readonly { productId: string; requested: number; available: number }[];
}

/** The product service's inventory, keyed by order id (so every call is idempotent per order). */
export interface Stock {
  reserve(orderId: string, items: readonly CartLine[], ttlSeconds: number): Promise<ReservationOutcome>;
  release(orderId: string): Promise<ReservationOutcome>;
  commit(orderId: string): Promise<ReservationOutcome>;
  /** Gives back what a committed order sold (a confirmed order cancelled before shipping); once per order. */
  returnStock(orderId: string): Promise<ReservationOutcome>;
}
