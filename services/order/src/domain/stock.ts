import type { ReservationOutcome } from '@shop/contracts/reservation';
import type { CartLine } from './ports';

// The same outcome type product's domain answers with: one type on both sides of the call.
export type { ReservationOutcome };

/** The product service's inventory, keyed by order id (so every call is idempotent per order). */
export interface Stock {
  reserve(orderId: string, items: readonly CartLine[], ttlSeconds: number): Promise<ReservationOutcome>;
  release(orderId: string): Promise<ReservationOutcome>;
  commit(orderId: string): Promise<ReservationOutcome>;
  /** Gives back what a committed order sold (a confirmed order cancelled before shipping); once per order. */
  returnStock(orderId: string): Promise<ReservationOutcome>;
}
