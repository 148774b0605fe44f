import type { EventDedupe } from '../events';

interface ClaimDoc {
  _id: string;
  status: 'processing' | 'done';
  claimedAt: Date;
  processedAt?: Date;
}

/** The parts of a MongoDB collection the dedupe uses (the official driver's Collection fits). */
export interface DedupeCollection {
  insertOne(doc: ClaimDoc): Promise<unknown>;
  updateOne(filter: Record<string, unknown>, update: Record<string, unknown>): Promise<{ modifiedCount: number }>;
  deleteOne(filter: Record<string, unknown>): Promise<unknown>;
}

const DUPLICATE_KEY = 11000;

/** Claims keyed by `_id` (unique in MongoDB and FerretDB alike); same lease rules as SQL. */
export function createMongoDedupe(collection: DedupeCollection, leaseSeconds = 60): EventDedupe {
  const key = (eventId: string, topic: string) => `${topic}/${eventId}`;
  return {
    async claim(eventId, topic) {
      const now = new Date();
      try {
        await collection.insertOne({ _id: key(eventId, topic), status: 'processing', claimedAt: now });
        return true;
      } catch (err) {
        if ((err as { code?: number }).code !== DUPLICATE_KEY) throw err;
      }
      const expired = new Date(now.getTime() - leaseSeconds * 1000);
      const r = await collection.updateOne(
        { _id: key(eventId, topic), status: 'processing', claimedAt: { $lt: expired } },
        { $set: { claimedAt: now } },
      );
      return r.modifiedCount === 1;
    },
    async complete(eventId, topic) {
      await collection.updateOne({ _id: key(eventId, topic) }, { $set: { status: 'done', processedAt: new Date() } });
    },
    async release(eventId, topic) {
      await collection.deleteOne({ _id: key(eventId, topic), status: 'processing' });
    },
  };
}

/**
 * Drops claims completed longer than `retentionSeconds` ago (SQL and Redis keep theirs as long):
 * a redelivery comes within minutes, and without this the collection grew by one document
 * per event forever. The owner runs it now and then (product: its outbox relay loop).
 */
export async function pruneMongoClaims(
  collection: { deleteMany(filter: Record<string, unknown>): Promise<unknown> },
  retentionSeconds = 7 * 86_400,
): Promise<void> {
  await collection.deleteMany({ status: 'done', processedAt: { $lt: new Date(Date.now() - retentionSeconds * 1000) } });
}
