// The steps the inventory use cases are made of: outcomes, lock keys, the events a stock write
// records, giving units back once and closing a hold.
import { holdsStock, type ReservationOutcome, type StockShortage as Shortage } from '@shop/contracts/reservation';
import { inventoryChanged, inventoryLow } from '../catalog-events';
import type { EventsOf } from '../ports';
import type { Product } from '../product';
import type { Closing, Reservation, ReservationItem } from '../reservation';
import type { InventoryDeps } from './inventory';

export const outcomeOf = (r: Reservation, shortages: readonly Shortage[] = []): ReservationOutcome => ({
  orderId: r.orderId,
  status: r.status,
  reserved: holdsStock(r.status),
  expiresAt: r.expiresAt,
  shortages,
});
export const state = (r: Reservation) => (r.closing ? `being ${r.closing}` : r.status);
export const orderKey = (orderId: string) => `order:${orderId}`;
export const productKeys = (items: readonly ReservationItem[]) => items.map((i) => `product:${i.productId}`);

/** What every stock write records with itself: inventory.changed, and inventory.low on crossing down. */
export const stockEvents = (deps: InventoryDeps): EventsOf => {
  const at = deps.clock.now();
  const threshold = deps.lowStockThreshold;
  return (after, before) =>
    after.stock <= threshold && before.stock > threshold
      ? [inventoryChanged(after, at), inventoryLow(after, threshold, at)]
      : [inventoryChanged(after, at)];
};

/** Tell watchers at once; publish the recorded events afterwards, outside every lock. */
export async function announce(
  deps: InventoryDeps,
  changed: readonly { after: Product; before: number }[],
): Promise<void> {
  const at = deps.clock.now();
  for (const { after } of changed)
    deps.feed.emit({ productId: after.id, stock: after.stock, version: after.stockVersion, changedAt: at });
  await deps.outbox.flush(changed.map((c) => c.after.id));
}

/**
 * Gives back each line's units at most once: the product marks the order "back" in the same
 * update. A line is due when its product marks the order's take, or when the reservation
 * records it as taken (`recorded`) and the product's mark is gone (settled).
 */
export async function giveBack(
  deps: InventoryDeps,
  orderId: string,
  lines: readonly ReservationItem[],
  recorded: readonly ReservationItem[],
) {
  const changed: { after: Product; before: number }[] = [];
  for (const { productId, quantity } of lines) {
    const move = { orderId, quantity, recorded: recorded.some((t) => t.productId === productId) };
    const after = await deps.products.giveBackStock(productId, move, stockEvents(deps));
    if (after) changed.push({ after, before: after.stock - quantity });
  }
  return changed;
}

/** The reservation records the end: the products' "back" marks may go. */
export const settleBack = (deps: InventoryDeps, orderId: string, lines: readonly ReservationItem[]) => {
  for (const { productId } of lines) deps.products.settleMove(productId, orderId, 'back');
};

/**
 * Ends a hold (released) or a sale (returned) in three steps, each safe to repeat after a
 * crash: the reservation's closing intent (the guard: a commit, a second close or another
 * replica's close loses to it), the units back (once per product, by its mark), then the final
 * status. A close a crash interrupted is finished by the next call or by the expiry sweep.
 */
export async function close(
  deps: InventoryDeps,
  r: Reservation,
  from: readonly Reservation['status'][],
  to: Closing,
): Promise<ReservationOutcome> {
  if (r.closing !== to && !(await deps.reservations.beginClosing(r.orderId, from, to, deps.clock.now())))
    return outcomeOf((await deps.reservations.byOrderId(r.orderId))!);
  const changed = await deps.mutex.run(productKeys(r.items), () => giveBack(deps, r.orderId, r.items, r.taken));
  await deps.reservations.finishClosing(r.orderId, to, deps.clock.now());
  settleBack(deps, r.orderId, r.items);
  await announce(deps, changed);
  return { ...outcomeOf(r), status: to };
}
