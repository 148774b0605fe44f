import type { EventsOf, ProductRepository, StockMark } from '../domain/ports';
import type { Product } from '../domain/product';
import { productOf, type ProductDoc } from './catalog-records';
import type { ProductStore } from './mongodb';
import { writeWithEvents } from './mongodb-writes';

type StockWrites = Pick<
  ProductRepository,
  'takeStockBatch' | 'giveBackStock' | 'setStock' | 'settleMove' | 'unsettledProducts' | 'pruneSettled'
>;

/** The order ids a product's document marks, with their marks. */
function marksOf(d: ProductDoc): Map<string, StockMark> {
  const marks = new Map<string, StockMark>();
  for (const entry of d.stockMarks ?? []) {
    const at = entry.indexOf(':');
    marks.set(entry.slice(at + 1), entry.slice(0, at) as StockMark);
  }
  return marks;
}

/** A stock write: the new level and marks, the next stock version, and its events. */
function stockChange(eventsOf: EventsOf, current: ProductDoc, change: Partial<ProductDoc>) {
  const set = { ...change, stockVersion: (current.stockVersion ?? 0) + 1 };
  return { set, events: eventsOf(productOf({ ...current, ...set }), productOf(current)) };
}

/**
 * Stock writes that mark, in the product's own document and in the same update as the units,
 * which order's units moved. FerretDB 1.x has no multi-document transactions, so the
 * reservation can record a move only after it; the mark is what lets a retry after a crash in
 * between neither move the units twice nor lose them. A mark is dropped once the reservation
 * records its move (`settleMove`), by the product's next stock write, which rewrites the marks
 * anyway: under load that costs no extra round trip.
 */
export function createStockWrites(
  col: ProductStore['products'],
  written: (d: ProductDoc | null) => Product | undefined,
): StockWrites {
  // Per product: orders whose marks may go, with the mark the reservation recorded.
  const settled = new Map<string, Map<string, StockMark>>();
  // When each product's oldest waiting settle came: only idle products are pruned on their own.
  const waitingSince = new Map<string, number>();
  // What each product's last planned write dropped, forgotten once that write is stored.
  const dropping = new Map<string, [string, StockMark][]>();

  /** The marks after a write: settled ones dropped (unless they changed since), then `changes`. */
  function marksAfter(current: ProductDoc, changes: Record<string, StockMark>): ProductDoc['stockMarks'] {
    const marks = marksOf(current);
    const drop = [...(settled.get(current._id) ?? [])];
    for (const [orderId, mark] of drop) if (marks.get(orderId) === mark) marks.delete(orderId);
    dropping.set(current._id, drop);
    for (const [orderId, mark] of Object.entries(changes)) marks.set(orderId, mark);
    return [...marks].map(([orderId, mark]) => `${mark}:${orderId}` as const);
  }
  function stored(id: string) {
    const queue = settled.get(id);
    for (const [orderId, mark] of dropping.get(id) ?? []) if (queue?.get(orderId) === mark) queue.delete(orderId);
    if (!queue || queue.size === 0) {
      settled.delete(id);
      waitingSince.delete(id);
    }
    dropping.delete(id);
  }

  return {
    async takeStockBatch(id, takes, eventsOf) {
      let granted = takes.map(() => false);
      let moved = false;
      const doc = await writeWithEvents(col, id, { deleted: false }, (current) => {
        let left = current.stock;
        const marks = marksOf(current);
        const taken: Record<string, StockMark> = {};
        granted = takes.map(({ orderId, quantity }) => {
          // Taken by an earlier attempt the reservation did not record: granted, no units move.
          if (marks.get(orderId) === 'taken') return true;
          if (quantity > left) return false;
          left -= quantity;
          taken[orderId] = 'taken';
          return true;
        });
        moved = Object.keys(taken).length > 0;
        if (!moved) return undefined;
        return stockChange(eventsOf, current, { stock: left, stockMarks: marksAfter(current, taken) });
      });
      if (!doc) return { granted: takes.map(() => false), after: undefined };
      if (moved) stored(id);
      return { granted, after: written(doc) };
    },
    async giveBackStock(id, { orderId, quantity, recorded }, eventsOf) {
      let due = false;
      const doc = await writeWithEvents(col, id, {}, (current) => {
        const mark = marksOf(current).get(orderId);
        due = mark === 'taken' || (mark === undefined && recorded);
        if (!due) return undefined;
        const marks = marksAfter(current, { [orderId]: 'back' });
        return stockChange(eventsOf, current, { stock: current.stock + quantity, stockMarks: marks });
      });
      if (!doc || !due) return undefined;
      stored(id);
      return written(doc);
    },
    async setStock(id, stock, eventsOf) {
      const doc = await writeWithEvents(col, id, { deleted: false }, (current) =>
        stockChange(eventsOf, current, { stock, updatedAt: new Date(), stockMarks: marksAfter(current, {}) }),
      );
      if (doc) stored(id);
      return written(doc ?? null);
    },
    settleMove(id, orderId, mark) {
      const queue = settled.get(id) ?? new Map<string, StockMark>();
      queue.set(orderId, mark);
      settled.set(id, queue);
      if (!waitingSince.has(id)) waitingSince.set(id, Date.now());
    },
    unsettledProducts: (idleMs) =>
      [...waitingSince].filter(([, since]) => Date.now() - since >= idleMs).map(([id]) => id),
    async pruneSettled(id) {
      const current = await col.findOne({ _id: id });
      if (!current) {
        settled.delete(id);
        waitingSince.delete(id);
        return;
      }
      const marks = marksAfter(current, {});
      // Same guard as every stock write: a write that came in between keeps the queue for later.
      const r = await col.updateOne(
        { _id: id, stockVersion: current.stockVersion, updatedAt: current.updatedAt },
        { $set: { stockMarks: marks } },
      );
      if (r.matchedCount === 1) stored(id);
    },
  };
}
