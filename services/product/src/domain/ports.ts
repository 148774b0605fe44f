// What the use cases need from the outside world; data-access/ and the event publisher
// implement these, tests may fake them.
import type { Category } from './category';
import type { Product, ProductChanges, ProductQuery } from './product';
import type { Reservation, ReservationItem } from './reservation';
import type { Review } from './review';

export interface CategoryRepository {
  all(): Promise<Category[]>;
  byId(id: string): Promise<Category | undefined>;
  /** Throws CONFLICT on a duplicate slug. */
  insert(category: Category): Promise<void>;
  update(id: string, changes: Partial<Omit<Category, 'id' | 'createdAt'>>): Promise<Category | undefined>;
}

export interface ProductRepository {
  /** Throws CONFLICT on a duplicate sku. */
  insert(product: Product): Promise<void>;
  byId(id: string): Promise<Product | undefined>;
  byIds(ids: readonly string[]): Promise<Product[]>;
  /** Not deleted products matching the query; search results ranked by relevance. */
  list(query: ProductQuery): Promise<{ items: Product[]; total: number }>;
  update(id: string, changes: ProductChanges & { updatedAt: Date }): Promise<Product | undefined>;
  markDeleted(id: string, at: Date): Promise<boolean>;
  /** stock -= quantity only while stock >= quantity; the new product, or undefined. */
  takeStock(id: string, quantity: number): Promise<Product | undefined>;
  giveBackStock(id: string, quantity: number): Promise<Product | undefined>;
  setStock(id: string, stock: number): Promise<Product | undefined>;
  setRating(id: string, sum: number, count: number): Promise<void>;
}

export interface ReservationRepository {
  /** false when a reservation for this order exists already. */
  create(reservation: Reservation): Promise<boolean>;
  byOrderId(orderId: string): Promise<Reservation | undefined>;
  /** Records one item whose stock is taken (so a crash leaves a record of what to give back). */
  markTaken(orderId: string, item: ReservationItem): Promise<void>;
  /** Moves from one of `from` to `to`; false when it was in another state. */
  transition(orderId: string, from: readonly Reservation['status'][], to: Reservation['status'], at: Date): Promise<boolean>;
  /** Orders whose hold ran out (or whose reservation never finished) before `now`. */
  expired(now: Date, limit: number): Promise<string[]>;
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
  /** Never throws: a failed publish is logged and counted by the adapter. */
  publish(event: DomainEvent): Promise<void>;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}
