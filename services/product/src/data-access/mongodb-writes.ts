import type { Collection, Filter, UpdateFilter } from 'mongodb';
import { AppError } from '@shop/service-kit';
import { retry } from '@shop/service-kit/retry';
import type { DomainEvent } from '../domain/ports';
import { outboxEntryOf, type ProductDoc } from './catalog-records';

/** The part of an update that records events in the same document: the outbox. */
export function recording(
  events: readonly DomainEvent[],
): Pick<UpdateFilter<ProductDoc>, '$push'> & { $set: Partial<ProductDoc> } {
  return { $set: { outboxPending: true }, $push: { outbox: { $each: events.map(outboxEntryOf) } } };
}

/** One retry per concurrent writer we might lose to (only other replicas, on MongoDB). */
const MAX_ATTEMPTS = 5;

/**
 * Reads the product, plans the change and its events from what it read, and writes both in
 * one update that applies only if the stock version and `updatedAt` are still the ones read
 * (every write that feeds an event changes one of them). Event ids carry the new stock
 * version, which a plain `$inc` would only reveal after the write. Under the product's lock
 * the compare never misses; on MongoDB with several replicas a miss re-reads and re-plans.
 * `guard` is the write's own condition (not deleted, enough stock): a product that fails it
 * is `undefined`, as before. A plan may decline (undefined): then nothing is written.
 */
export async function writeWithEvents(
  col: Collection<ProductDoc>,
  id: string,
  guard: Filter<ProductDoc>,
  plan: (current: ProductDoc) => { set: Partial<ProductDoc>; events: readonly DomainEvent[] } | undefined,
): Promise<ProductDoc | undefined> {
  const lost = new Error('another writer changed the product first');
  const once = async () => {
    const current = await col.findOne({ ...guard, _id: id } as Filter<ProductDoc>);
    if (!current) return undefined;
    const planned = plan(current);
    // Nothing to change (an idempotent step already applied): no write, the product as it is.
    if (!planned) return current;
    const { set, events } = planned;
    const record = recording(events);
    const unchanged = { stockVersion: current.stockVersion, updatedAt: current.updatedAt };
    const updated = await col.findOneAndUpdate(
      { ...guard, ...unchanged, _id: id } as Filter<ProductDoc>,
      { $set: { ...set, ...record.$set }, $push: record.$push! },
      { returnDocument: 'after' },
    );
    if (!updated) throw lost;
    return updated;
  };
  try {
    return await retry(once, {
      attempts: MAX_ATTEMPTS,
      backoff: { initialMs: 0, maxMs: 0 },
      retryIf: (e) => e === lost,
    });
  } catch (err) {
    if (err !== lost) throw err;
    throw new AppError('UNAVAILABLE', 'The product kept changing during the update; try again');
  }
}
