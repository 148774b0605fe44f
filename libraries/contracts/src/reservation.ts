// One order's reservation outcome, as product answers it and order reads it: one type on
// both sides of ReserveStock/ReleaseStock/CommitStock/ReturnStock. Transport-free.
import type { ReservationStatus } from './statuses';

export interface StockShortage {
  readonly productId: string;
  readonly requested: number;
  readonly available: number;
}

export interface ReservationOutcome {
  readonly orderId: string;
  readonly status: ReservationStatus;
  /** The order holds its units (reserved, or sold: committed). */
  readonly reserved: boolean;
  readonly expiresAt: Date;
  /** Why a reservation was rejected; empty otherwise. */
  readonly shortages: readonly StockShortage[];
}

/** Whether a reservation in this status holds the order's units. */
export const holdsStock = (status: ReservationStatus): boolean => status === 'reserved' || status === 'committed';
