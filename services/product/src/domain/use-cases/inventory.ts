import { AppError } from '@shop/service-kit';
import { inventoryChanged, inventoryLow } from '../catalog-events';
import type { InventoryFeed } from '../inventory-feed';
import type { KeyedMutex } from '@shop/service-kit/keyed-mutex';
import type { Clock, EventFlusher, EventsOf, ProductRepository, ReservationRepository } from '../ports';
import type { Product } from '../product';
import { mergeLines, type Reservation, type ReservationItem } from '../reservation';
import { takeAll } from '../take-all';
import { createLimiter } from '../limiter';
import { createStockTaker } from '../stock-taker';

export interface InventoryDeps {
  readonly products: ProductRepository;
  readonly reservations: ReservationRepository;
  /** Publishes the events a stock write recorded in its document (the outbox), right after it. */
  readonly outbox: EventFlusher;
  readonly feed: InventoryFeed;
  readonly clock: Clock;
  readonly mutex: KeyedMutex;
  readonly lowStockThreshold: number;
  readonly reservationTtlSeconds: number;
  /** Reservations worked on at once (default 16). */
  readonly reservationConcurrency?: number;
}

export interface Shortage {
  readonly productId: string;
  readonly requested: number;
  readonly available: number;
}

export interface ReservationOutcome {
  readonly orderId: string;
  readonly status: Reservation['status'];
  readonly expiresAt: Date;
  readonly shortages: readonly Shortage[];
}

const outcomeOf = (r: Reservation, shortages: readonly Shortage[] = []): ReservationOutcome => ({
  orderId: r.orderId,
  status: r.status,
  expiresAt: r.expiresAt,
  shortages,
});
const orderKey = (orderId: string) => `order:${orderId}`;
const productKeys = (items: readonly ReservationItem[]) => items.map((i) => `product:${i.productId}`);

export function createInventoryUseCases(deps: InventoryDeps) {
  const { products, reservations, outbox, feed, clock, mutex } = deps;
  const taker = createStockTaker(products, mutex);
  // Enough in flight for the taker to batch, few enough to bound FerretDB's connections.
  const reserving = createLimiter(deps.reservationConcurrency ?? 16);

  /** What every stock write records with itself: inventory.changed, and inventory.low on crossing down. */
  const stockEvents = (): EventsOf => {
    const at = clock.now();
    const threshold = deps.lowStockThreshold;
    return (after, before) =>
      after.stock <= threshold && before.stock > threshold
        ? [inventoryChanged(after, at), inventoryLow(after, threshold, at)]
        : [inventoryChanged(after, at)];
  };

  /** Tell watchers at once; publish the recorded events afterwards, outside every lock. */
  async function announce(changed: readonly { after: Product; before: number }[]): Promise<void> {
    const at = clock.now();
    for (const { after } of changed)
      feed.emit({ productId: after.id, stock: after.stock, version: after.stockVersion, changedAt: at });
    await outbox.flush(changed.map((c) => c.after.id));
  }

  async function giveBack(items: readonly ReservationItem[]) {
    const changed: { after: Product; before: number }[] = [];
    for (const item of items) {
      const after = await products.giveBackStock(item.productId, item.quantity, stockEvents());
      if (after) changed.push({ after, before: after.stock - item.quantity });
    }
    return changed;
  }

  async function reserveLocked(
    orderId: string,
    lines: ReservationItem[],
    ttlSeconds: number,
  ): Promise<ReservationOutcome> {
    let existing = await reservations.byOrderId(orderId);
    const now = clock.now();
    const expiresAt = existing?.expiresAt ?? new Date(now.getTime() + ttlSeconds * 1000);
    if (!existing) {
      const draft: Reservation = {
        orderId,
        items: lines,
        taken: [],
        status: 'pending',
        expiresAt,
        createdAt: now,
        updatedAt: now,
      };
      // The unique order id is the idempotency key, also across replicas.
      if (!(await reservations.create(draft))) existing = await reservations.byOrderId(orderId);
    }
    // Still `pending` while this process holds the order's lock: an earlier attempt failed
    // midway (a store error), so this retry goes on from what that one took.
    if (existing && existing.status !== 'pending') return outcomeOf(existing);
    const already = existing?.taken ?? [];
    const remaining = lines.filter((l) => !already.some((t) => t.productId === l.productId));

    const result = await takeAll(products, taker, reservations, orderId, remaining, stockEvents());
    const { changed, shortages } = result;
    const taken = [...already, ...result.taken];
    // All or nothing: a short line gives back what the earlier lines took.
    if (shortages.length > 0 && taken.length > 0)
      changed.push(...(await mutex.run(productKeys(taken), () => giveBack(taken))));
    const status = shortages.length > 0 ? 'rejected' : 'reserved';
    await reservations.transition(orderId, ['pending'], status, clock.now());
    await announce(changed);
    return { orderId, status, expiresAt, shortages };
  }

  async function releaseLocked(orderId: string, onlyIfDue: boolean): Promise<ReservationOutcome> {
    const r = await reservations.byOrderId(orderId);
    const now = clock.now();
    if (!r) {
      // A tombstone: a Reserve that arrives after its order was cancelled must not hold stock.
      const tombstone: Reservation = {
        orderId,
        items: [],
        taken: [],
        status: 'released',
        expiresAt: now,
        createdAt: now,
        updatedAt: now,
      };
      await reservations.create(tombstone);
      return outcomeOf(tombstone);
    }
    if (r.status === 'committed') {
      if (onlyIfDue) return outcomeOf(r);
      throw new AppError('PRECONDITION_FAILED', 'The reservation is committed and cannot be released');
    }
    if (r.status === 'released' || r.status === 'rejected' || r.status === 'returned') return outcomeOf(r);
    if (onlyIfDue && r.expiresAt > now) return outcomeOf(r);
    // Status first, then the units: a crash in between loses units (undersell), never oversells.
    if (!(await reservations.transition(orderId, ['reserved', 'pending'], 'released', now)))
      return outcomeOf((await reservations.byOrderId(orderId))!);
    const changed = await mutex.run(productKeys(r.taken), () => giveBack(r.taken));
    await announce(changed);
    return { ...outcomeOf(r), status: 'released' };
  }

  /** A committed order cancelled before shipping: what it sold goes back to stock, once. */
  async function returnLocked(orderId: string): Promise<ReservationOutcome> {
    const r = await reservations.byOrderId(orderId);
    if (!r) throw new AppError('NOT_FOUND', 'No reservation for this order');
    // Not sold yet: the units are only held, so giving them back is a release.
    if (r.status === 'reserved' || r.status === 'pending') return releaseLocked(orderId, false);
    if (r.status !== 'committed') return outcomeOf(r);
    // As in release: status first (the atomic guard against a second return, also from another
    // replica), then the units; a crash in between undersells, never adds stock twice.
    if (!(await reservations.transition(orderId, ['committed'], 'returned', clock.now())))
      return outcomeOf((await reservations.byOrderId(orderId))!);
    const changed = await mutex.run(productKeys(r.taken), () => giveBack(r.taken));
    await announce(changed);
    return { ...outcomeOf(r), status: 'returned' };
  }

  return {
    async reserve(orderId: string, items: readonly ReservationItem[], ttlSeconds = deps.reservationTtlSeconds) {
      const lines = mergeLines(items);
      return reserving(() => mutex.run([orderKey(orderId)], () => reserveLocked(orderId, lines, ttlSeconds)));
    },

    release: (orderId: string) => mutex.run([orderKey(orderId)], () => releaseLocked(orderId, false)),

    /** Called by the expiry sweep: releases only a hold that is really past its time. */
    expire: (orderId: string) => mutex.run([orderKey(orderId)], () => releaseLocked(orderId, true)),

    async commit(orderId: string): Promise<ReservationOutcome> {
      return mutex.run([orderKey(orderId)], async () => {
        const r = await reservations.byOrderId(orderId);
        if (!r) throw new AppError('NOT_FOUND', 'No reservation for this order');
        if (r.status === 'committed') return outcomeOf(r);
        if (r.status !== 'reserved') throw new AppError('PRECONDITION_FAILED', `The reservation is ${r.status}`);
        await reservations.transition(orderId, ['reserved'], 'committed', clock.now());
        return { ...outcomeOf(r), status: 'committed' };
      });
    },

    returnStock: (orderId: string) => mutex.run([orderKey(orderId)], () => returnLocked(orderId)),

    async setStock(productId: string, stock: number): Promise<Product> {
      const { before, after } = await mutex.run([`product:${productId}`], async () => {
        const current = await products.byId(productId);
        if (!current || current.deleted) throw new AppError('NOT_FOUND', 'No such product');
        return { before: current.stock, after: await products.setStock(productId, stock, stockEvents()) };
      });
      if (!after) throw new AppError('NOT_FOUND', 'No such product');
      await announce([{ after, before }]);
      return after;
    },

    expiredOrders: (limit: number) => reservations.expired(clock.now(), limit),
  };
}

export type InventoryUseCases = ReturnType<typeof createInventoryUseCases>;
