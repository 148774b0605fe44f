import type { DomainEvent, OutboxStore } from '../domain/ports';
import { eventOf, type OutboxEntry } from './catalog-records';
import type { ProductStore } from './mongodb';

/** The outbox kept in the product documents themselves (see documents.ts, OutboxEntry). */
export function createOutboxStore(store: ProductStore): OutboxStore {
  const col = store.products;
  // Each event `pending` returned, with the entry it was read from: `remove` pulls by exact
  // value (FerretDB 1.24 ignores a `$pull` condition such as {id}) without reading it again.
  const entryOf = new WeakMap<DomainEvent, OutboxEntry>();
  return {
    async pendingProductIds(limit) {
      // A top-level equality on an indexed field: pushed down to PostgreSQL on FerretDB.
      const docs = await col
        .find({ outboxPending: true }, { projection: { _id: 1 } })
        .limit(limit)
        .toArray();
      return docs.map((d) => d._id);
    },
    async pending(productId) {
      const doc = await col.findOne({ _id: productId }, { projection: { outbox: 1 } });
      return (doc?.outbox ?? []).map((entry) => {
        const event = eventOf(entry);
        entryOf.set(event, entry);
        return event;
      });
    },
    async remove(productId, events) {
      const gone = events.flatMap((e) => entryOf.get(e) ?? []);
      if (gone.length === 0) return;
      // When these are all the document holds (its size says so), the mark goes in the same update.
      const all = await col.updateOne(
        { _id: productId, outbox: { $size: gone.length } },
        { $pullAll: { outbox: gone }, $set: { outboxPending: false } },
      );
      if (all.matchedCount === 0) await col.updateOne({ _id: productId }, { $pullAll: { outbox: gone } });
    },
    async settle(productId) {
      await col.updateOne(
        { _id: productId, outboxPending: true, outbox: { $size: 0 } },
        { $set: { outboxPending: false } },
      );
    },
  };
}
