import type { EventsOf, ProductRepository, ReservationRepository } from './ports';
import type { StockTaker } from './stock-taker';
import type { Product } from './product';
import type { ReservationItem } from './reservation';
import type { Shortage } from './use-cases/inventory';

/**
 * Takes each line's units in turn (batched per product by the taker, under its lock). Each taken
 * line is recorded on the reservation right after its stock moved; until then the product's
 * own document marks the order's take, so a crash in between leaves nothing that a retry or
 * the expiry sweep cannot finish or give back. Lines after a short one are only checked,
 * so the caller can report every shortage at once. Each take records its events (`eventsOf`)
 * in the same document update.
 */
export async function takeAll(
  products: ProductRepository,
  taker: StockTaker,
  reservations: ReservationRepository,
  orderId: string,
  lines: readonly ReservationItem[],
  eventsOf: EventsOf,
) {
  const taken: ReservationItem[] = [];
  const changed: { after: Product; before: number }[] = [];
  const shortages: Shortage[] = [];
  let completed = false;
  for (const [i, line] of lines.entries()) {
    if (shortages.length === 0) {
      const after = await taker.take(line.productId, { orderId, quantity: line.quantity }, eventsOf);
      if (after) {
        // The last line's record also marks the reservation `reserved`: one write fewer.
        completed = await reservations.markTaken(orderId, line, i === lines.length - 1);
        products.settleMove(line.productId, orderId, 'taken');
        taken.push(line);
        changed.push({ after, before: after.stock + line.quantity });
        continue;
      }
    }
    const current = await products.byId(line.productId);
    const available = current && !current.deleted ? current.stock : 0;
    if (available < line.quantity || shortages.length === 0)
      shortages.push({ productId: line.productId, requested: line.quantity, available });
  }
  return { taken, changed, shortages, completed };
}
