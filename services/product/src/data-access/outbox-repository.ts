import type { OutboxStore } from '../domain/ports';
import { eventOf } from './catalog-records';
import type { ProductStore } from './mongodb';

/** The outbox kept in the product documents themselves (see documents.ts, OutboxEntry). */
export function createOutboxStore(store: ProductStore): OutboxStore {
  const col = store.products;
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
      return (doc?.outbox ?? []).map(eventOf);
    },
    async remove(productId, eventIds) {
      // By exact value, as read: FerretDB 1.24 ignores a `$pull` condition such as {id}.
      const doc = await col.findOne({ _id: productId }, { projection: { outbox: 1 } });
      const ids = new Set(eventIds);
      const gone = (doc?.outbox ?? []).filter((e) => ids.has(e.id));
      if (gone.length > 0) await col.updateOne({ _id: productId }, { $pullAll: { outbox: gone } });
    },
    async settle(productId) {
      await col.updateOne(
        { _id: productId, outboxPending: true, outbox: { $size: 0 } },
        { $set: { outboxPending: false } },
      );
    },
  };
}
