// What the use cases need from the outside world; data-access/ and the event publisher
// implement these, tests may fake them.
import type { Category } from './category';
import type { Product, ProductChanges, ProductQuery } from './product';
import type { Closing, Reservation, ReservationItem } from './reservation';
import type { Review } from './review';

export interface CategoryRepository {
  all(): Promise<Category[]>;
  byId(id: string): Promise<Category | undefined>;
  /** Throws CONFLICT on a duplicate slug. */
  insert(category: Category): Promise<void>;
  update(id: string, changes: Partial<Omit<Category, 'id' | 'createdAt'>>): Promise<Category | undefined>;
}

/** One order's units moving on one product. */
export interface StockMove {
  readonly orderId: string;
  readonly quantity: number;
}

/** What a product's document marks about an order's units until its reservation records it. */
export type StockMark = 'taken' | 'back';

/**
 * Events to record with a write, computed from the product as it is before the write and as
 * it will be after it (ids derive from the new stock version or `updatedAt`).
 */
export type EventsOf = (after: Product, before: Product) => readonly DomainEvent[];

/**
 * Every write that publishes records its events in the same single-document update as the
 * change (the outbox; see event-relay.ts), so a crash cannot keep one without the other.
 * A new write method must also be applied to the catalog read model (`withReadModel`).
 */
export interface ProductRepository {
  /** Throws CONFLICT on a duplicate sku. */
  insert(product: Product, events: readonly DomainEvent[]): Promise<void>;
  byId(id: string): Promise<Product | undefined>;
  byIds(ids: readonly string[]): Promise<Product[]>;
  /** Not deleted products matching the query; search results ranked by relevance. */
  list(query: ProductQuery): Promise<{ items: Product[]; total: number }>;
  update(id: string, changes: ProductChanges & { updatedAt: Date }, eventsOf: EventsOf): Promise<Product | undefined>;
  markDeleted(id: string, at: Date, events: readonly DomainEvent[]): Promise<boolean>;
  /**
   * Takes as many of the orders' `takes` as the stock covers, in order, with one conditional
   * update (one stock version and one set of events for all): which were granted, and the
   * product after them (undefined when none was, or the product is gone). The update marks
   * each granted order "taken" in the product's own document, so a take that is retried
   * after a crash (before the reservation recorded it) is granted again without moving units.
   */
  takeStockBatch(
    id: string,
    takes: readonly StockMove[],
    eventsOf: EventsOf,
  ): Promise<{ granted: boolean[]; after: Product | undefined }>;
  /**
   * Gives one order's units back at most once, marking the order "back" in the same update.
   * Due when the product marks the order "taken", or carries no mark and the reservation
   * records the line as taken (`recorded`). The product after the give-back, or undefined
   * when nothing was due (given back before, or never taken).
   */
  giveBackStock(id: string, move: StockMove & { recorded: boolean }, eventsOf: EventsOf): Promise<Product | undefined>;
  /**
   * The reservation now records this order's move: its mark goes with the product's next
   * stock write (no extra round trip), or with `pruneSettled` when no write comes.
   */
  settleMove(id: string, orderId: string, mark: StockMark): void;
  /** Products whose settled marks have waited `idleMs` at least for a stock write. */
  unsettledProducts(idleMs: number): string[];
  /** Removes this product's settled marks on their own; the caller holds the product's lock. */
  pruneSettled(id: string): Promise<void>;
  setStock(id: string, stock: number, eventsOf: EventsOf): Promise<Product | undefined>;
  setRating(id: string, sum: number, count: number): Promise<void>;
}

/**
 * What shoppers browse: product pages and listings. May lag writes by a bounded, documented
 * time (the read model, see docs/architecture.md); stock decisions never use it.
 */
export interface CatalogReads {
  byId(id: string): Promise<Product | undefined>;
  /** The product as held in memory right now, without waiting; undefined when not held (yet). */
  held?(id: string): Product | undefined;
  list(query: ProductQuery): Promise<{ items: Product[]; total: number }>;
}

/** The events writes left in product documents, waiting to be published. */
export interface OutboxStore {
  /** Products (deleted ones too) with events waiting, or marked so; at most `limit`. */
  pendingProductIds(limit: number): Promise<string[]>;
  /** The product's waiting events, in the order they were written. */
  pending(productId: string): Promise<DomainEvent[]>;
  /**
   * Removes exactly these events, as `pending` returned them (no second read); clears the
   * "events waiting" mark in the same update when they were all. The caller holds the lock.
   */
  remove(productId: string, events: readonly DomainEvent[]): Promise<void>;
  /** Clears the "events waiting" mark when none are left; the caller holds the lock. */
  settle(productId: string): Promise<void>;
}

export interface ReservationRepository {
  /** false when a reservation for this order exists already. */
  create(reservation: Reservation): Promise<boolean>;
  byOrderId(orderId: string): Promise<Reservation | undefined>;
  /**
   * Records one item whose stock is taken; with `last`, also moves a pending reservation that
   * is not closing to `reserved` in the same update. True when it did.
   */
  markTaken(orderId: string, item: ReservationItem, last: boolean): Promise<boolean>;
  /** Moves from one of `from` to `to`: the reservation after, or undefined when it was in another state or is closing. */
  transition(
    orderId: string,
    from: readonly Reservation['status'][],
    to: Reservation['status'],
    at: Date,
  ): Promise<Reservation | undefined>;
  /** Marks the close as under way, from one of `from`, unless a close is already; false if not. */
  beginClosing(orderId: string, from: readonly Reservation['status'][], to: Closing, at: Date): Promise<boolean>;
  /** Sets the final status of a close under way and clears the mark. */
  finishClosing(orderId: string, to: Closing, at: Date): Promise<void>;
  /**
   * Orders whose hold ran out (or whose reservation never finished) before `now`, and closes
   * under way since before `stalledBefore` (their caller crashed).
   */
  expired(now: Date, limit: number, stalledBefore?: Date): Promise<string[]>;
}

export interface ReviewRepository {
  /** Throws CONFLICT when the user reviewed the product already. */
  insert(review: Review): Promise<void>;
  byId(productId: string, reviewId: string): Promise<Review | undefined>;
  list(productId: string, page: number, pageSize: number): Promise<{ items: Review[]; total: number }>;
  delete(productId: string, reviewId: string): Promise<boolean>;
  /** Sum and count of every rating of the product, counted from the reviews themselves. */
  totals(productId: string): Promise<{ sum: number; count: number }>;
}

export interface DomainEvent {
  readonly topic: string;
  /** Derived from the fact, so a retried publish is recognisably the same event. */
  readonly id: string;
  readonly data: object;
}

export interface EventPublisher {
  /** Rejects when the event may not have been published: the relay keeps it and retries. */
  publish(event: DomainEvent): Promise<void>;
}

/** Publishes what the products' writes recorded, right after the write; never rejects. */
export interface EventFlusher {
  flush(productIds: readonly string[]): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}
