import type { ReservationStatus } from '@shop/contracts/statuses';

export interface ReservationItem {
  readonly productId: string;
  readonly quantity: number;
}

/** The two ways a hold ends with its units back in stock. */
export type Closing = 'released' | 'returned';

/**
 * One order's hold on stock. `pending` while items are being taken, `reserved` once all
 * are, `rejected` when one was short (what was taken is given back), then `committed` or
 * `released` (by the order, or by the expiry sweep). `returned` follows `committed` when a
 * confirmed order is cancelled before shipping: the sold units are back in stock.
 */
export interface Reservation {
  readonly orderId: string;
  readonly items: readonly ReservationItem[];
  /** Items whose stock is actually taken; what a release gives back. */
  readonly taken: readonly ReservationItem[];
  /** The proto's ReservationStatus, as stored (lowercase). */
  readonly status: ReservationStatus;
  /**
   * Set while a release or a return is under way (the units going back), cleared with the
   * final status: the guard that makes a commit or a second close lose, and what the expiry
   * sweep finishes after a crash.
   */
  readonly closing?: Closing;
  readonly expiresAt: Date;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Same product twice in one order counts as one line with the summed quantity. */
export function mergeLines(items: readonly ReservationItem[]): ReservationItem[] {
  const sums = new Map<string, number>();
  for (const { productId, quantity } of items) sums.set(productId, (sums.get(productId) ?? 0) + quantity);
  return [...sums].map(([productId, quantity]) => ({ productId, quantity }));
}
