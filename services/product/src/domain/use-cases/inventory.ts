import { holdsStock, type ReservationOutcome } from '@shop/contracts/reservation';
import { AppError } from '@shop/service-kit/errors';
import type { InventoryFeed } from '../inventory-feed';
import type { KeyedMutex } from '@shop/service-kit/keyed-mutex';
import type { Clock, EventFlusher, ProductRepository, ReservationRepository } from '../ports';
import type { Product } from '../product';
import { mergeLines, type Reservation, type ReservationItem } from '../reservation';
import { takeAll } from '../take-all';
import type { Limiter } from '../limiter';
import type { StockTaker } from '../stock-taker';
import {
  announce,
  close,
  giveBack,
  orderKey,
  outcomeOf,
  productKeys,
  settleBack,
  state,
  stockEvents,
} from './stock-steps';

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
  /** Takes stock for reservations, batched per product (one per process: it holds the queues). */
  readonly taker: StockTaker;
  /** Bounds the reservations worked on at once (one per process). */
  readonly reserving: Limiter;
}

// One outcome type on both sides of the call (order reads the same one): @shop/contracts.
export type { ReservationOutcome, StockShortage as Shortage } from '@shop/contracts/reservation';

async function reserveLocked(
  deps: InventoryDeps,
  orderId: string,
  lines: ReservationItem[],
  ttlSeconds: number,
): Promise<ReservationOutcome> {
  const now = deps.clock.now();
  const draft: Reservation = {
    orderId,
    items: lines,
    taken: [],
    status: 'pending',
    expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
    createdAt: now,
    updatedAt: now,
  };
  // The unique order id is the idempotency key, also across replicas: a new order's insert
  // wins (no read first); a repeat finds what the earlier attempt left.
  const existing = (await deps.reservations.create(draft)) ? draft : await deps.reservations.byOrderId(orderId);
  if (!existing) throw new Error(`Reservation ${orderId} exists and cannot be read`);
  // Still `pending` while this process holds the order's lock: an earlier attempt failed
  // midway (a store error), so this retry goes on from what that one took.
  if (existing.status !== 'pending' || existing.closing) return outcomeOf(existing);
  const { expiresAt } = existing;
  const already = existing.taken;
  const remaining = lines.filter((l) => !already.some((t) => t.productId === l.productId));

  const result = await takeAll(deps.products, deps.taker, deps.reservations, orderId, remaining, stockEvents(deps));
  const { changed, shortages } = result;
  const taken = [...already, ...result.taken];
  // All or nothing: a short line gives back what the earlier lines took.
  if (shortages.length > 0 && taken.length > 0)
    changed.push(...(await deps.mutex.run(productKeys(taken), () => giveBack(deps, orderId, taken, taken))));
  const status = shortages.length > 0 ? 'rejected' : 'reserved';
  // The last line's record set `reserved` with it, unless a close came in between.
  if (!result.completed) await deps.reservations.transition(orderId, ['pending'], status, deps.clock.now());
  if (status === 'rejected') settleBack(deps, orderId, taken);
  await announce(deps, changed);
  return { orderId, status, reserved: holdsStock(status), expiresAt, shortages };
}

async function releaseLocked(deps: InventoryDeps, orderId: string, onlyIfDue: boolean): Promise<ReservationOutcome> {
  const r = await deps.reservations.byOrderId(orderId);
  const now = deps.clock.now();
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
    await deps.reservations.create(tombstone);
    return outcomeOf(tombstone);
  }
  // A close a crash interrupted: finish it, whatever the hold's time.
  if (r.closing) return close(deps, r, [], r.closing);
  if (r.status === 'committed') {
    if (onlyIfDue) return outcomeOf(r);
    throw new AppError('PRECONDITION_FAILED', 'The reservation is committed and cannot be released');
  }
  if (r.status === 'released' || r.status === 'rejected' || r.status === 'returned') return outcomeOf(r);
  if (onlyIfDue && r.expiresAt > now) return outcomeOf(r);
  return close(deps, r, ['reserved', 'pending'], 'released');
}

/** A committed order cancelled before shipping: what it sold goes back to stock, once. */
async function returnLocked(deps: InventoryDeps, orderId: string): Promise<ReservationOutcome> {
  const r = await deps.reservations.byOrderId(orderId);
  if (!r) throw new AppError('NOT_FOUND', 'No reservation for this order');
  // Not sold yet (or a release was under way): the units are only held, so this is a release.
  if (r.status === 'reserved' || r.status === 'pending' || r.closing === 'released')
    return releaseLocked(deps, orderId, false);
  if (r.status !== 'committed') return outcomeOf(r);
  return close(deps, r, ['committed'], 'returned');
}

export async function reserveStock(
  deps: InventoryDeps,
  orderId: string,
  items: readonly ReservationItem[],
  ttlSeconds = deps.reservationTtlSeconds,
): Promise<ReservationOutcome> {
  const lines = mergeLines(items);
  return deps.reserving(() =>
    deps.mutex.run([orderKey(orderId)], () => reserveLocked(deps, orderId, lines, ttlSeconds)),
  );
}

export const releaseStock = (deps: InventoryDeps, orderId: string): Promise<ReservationOutcome> =>
  deps.mutex.run([orderKey(orderId)], () => releaseLocked(deps, orderId, false));

/** Called by the expiry sweep: releases only a hold that is really past its time. */
export const expireReservation = (deps: InventoryDeps, orderId: string): Promise<ReservationOutcome> =>
  deps.mutex.run([orderKey(orderId)], () => releaseLocked(deps, orderId, true));

export async function commitStock(deps: InventoryDeps, orderId: string): Promise<ReservationOutcome> {
  return deps.mutex.run([orderKey(orderId)], async () => {
    // The common case in one write: a hold becomes a sale. It fails when the hold is in
    // another state or a close began (another replica): then the close wins, the sale is refused.
    const sold = await deps.reservations.transition(orderId, ['reserved'], 'committed', deps.clock.now());
    if (sold) return outcomeOf(sold);
    const r = await deps.reservations.byOrderId(orderId);
    if (!r) throw new AppError('NOT_FOUND', 'No reservation for this order');
    if (r.status === 'committed' && !r.closing) return outcomeOf(r);
    throw new AppError('PRECONDITION_FAILED', `The reservation is ${state(r)}`);
  });
}

export const returnStock = (deps: InventoryDeps, orderId: string): Promise<ReservationOutcome> =>
  deps.mutex.run([orderKey(orderId)], () => returnLocked(deps, orderId));

export async function setStock(deps: InventoryDeps, productId: string, stock: number): Promise<Product> {
  const { before, after } = await deps.mutex.run([`product:${productId}`], async () => {
    const current = await deps.products.byId(productId);
    if (!current || current.deleted) throw new AppError('NOT_FOUND', 'No such product');
    return { before: current.stock, after: await deps.products.setStock(productId, stock, stockEvents(deps)) };
  });
  if (!after) throw new AppError('NOT_FOUND', 'No such product');
  await announce(deps, [{ after, before }]);
  return after;
}

/** A close under way this long is taken to be stalled (its caller crashed): the sweep finishes it. */
const STALLED_CLOSE_MS = 30_000;

export function expiredOrders(deps: InventoryDeps, limit: number): Promise<string[]> {
  const now = deps.clock.now();
  return deps.reservations.expired(now, limit, new Date(now.getTime() - STALLED_CLOSE_MS));
}

/**
 * Drops the settled stock marks of products no stock write has touched for `idleMs` (a busy
 * product's next write drops them for free; a write per idle product and minute at most).
 */
export async function pruneSettledMarks(deps: InventoryDeps, idleMs = 60_000): Promise<void> {
  for (const id of deps.products.unsettledProducts(idleMs))
    await deps.mutex.run([`product:${id}`], () => deps.products.pruneSettled(id));
}
