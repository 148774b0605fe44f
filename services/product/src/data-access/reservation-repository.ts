import type { ReservationRepository } from '../domain/ports';
import type { Filter } from 'mongodb';
import { reservationOf, type ReservationDoc } from './catalog-records';
import { isDuplicateKey, type ProductStore } from './mongodb';

export function createReservationRepository(store: ProductStore): ReservationRepository {
  const col = store.reservations;
  return {
    async create(r) {
      try {
        const { orderId, ...rest } = r;
        await col.insertOne({ _id: orderId, ...rest, items: [...r.items], taken: [...r.taken] });
        return true;
      } catch (err) {
        if (isDuplicateKey(err)) return false;
        throw err;
      }
    },
    async byOrderId(orderId) {
      const d = await col.findOne({ _id: orderId });
      return d ? reservationOf(d) : undefined;
    },
    async markTaken(orderId, item, last) {
      const line = { taken: { productId: item.productId, quantity: item.quantity } };
      if (last) {
        const done = await col.updateOne(
          { _id: orderId, status: 'pending', closing: { $exists: false } },
          { $push: line, $set: { status: 'reserved', updatedAt: new Date() } },
        );
        if (done.matchedCount === 1) return true;
      }
      await col.updateOne({ _id: orderId }, { $push: line });
      return false;
    },
    async transition(orderId, from, to, at) {
      const doc = await col.findOneAndUpdate(
        { _id: orderId, status: { $in: [...from] }, closing: { $exists: false } },
        { $set: { status: to, updatedAt: at } },
        { returnDocument: 'after' },
      );
      return doc ? reservationOf(doc) : undefined;
    },
    async beginClosing(orderId, from, to, at) {
      const r = await col.updateOne(
        { _id: orderId, status: { $in: [...from] }, closing: { $exists: false } },
        { $set: { closing: to, updatedAt: at } },
      );
      return r.modifiedCount === 1;
    },
    async finishClosing(orderId, to, at) {
      await col.updateOne(
        { _id: orderId, closing: to },
        { $set: { status: to, updatedAt: at }, $unset: { closing: '' } },
      );
    },
    async expired(now, limit, stalledBefore) {
      // One plain equality per query: FerretDB 1.x pushes a string equality down to PostgreSQL,
      // so only the few live holds are decoded, not every reservation ever made (an `$in` or
      // `$exists` is evaluated in FerretDB over the whole collection, every sweep).
      const ids = (filter: Filter<ReservationDoc>) =>
        col
          .find(filter, { projection: { _id: 1, expiresAt: 1 } })
          .limit(limit)
          .toArray();
      const due = await Promise.all([
        ids({ status: 'reserved', expiresAt: { $lt: now } }),
        ids({ status: 'pending', expiresAt: { $lt: now } }),
      ]);
      const stalled = stalledBefore
        ? await Promise.all([
            ids({ closing: 'released', updatedAt: { $lt: stalledBefore } }),
            ids({ closing: 'returned', updatedAt: { $lt: stalledBefore } }),
          ])
        : [];
      const oldestFirst = due.flat().sort((x, y) => x.expiresAt.getTime() - y.expiresAt.getTime());
      return [...new Set([...stalled.flat(), ...oldestFirst].map((d) => d._id))].slice(0, limit);
    },
  };
}
