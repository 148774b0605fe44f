// Stored shapes. Ids are strings (the contract's ids), kept in _id so they are unique for free.
import type { AttributeDefinition, Attributes, Category } from '../domain/category';
import { ratingOf, type Product } from '../domain/product';
import { keywordsOf } from '../domain/search';
import type { Reservation, ReservationItem } from '../domain/reservation';
import type { DomainEvent, StockMark } from '../domain/ports';
import type { Review } from '../domain/review';

export interface ProductDoc {
  _id: string;
  sku: string;
  name: string;
  description: string;
  categoryId: string;
  price: number;
  currency: string;
  attributes: Attributes;
  images: string[];
  tags: string[];
  stock: number;
  stockVersion: number;
  /** Exact figures; the average is derived, and stored only to sort on. */
  ratingSum: number;
  ratingCount: number;
  ratingAverage: number;
  /** Words of name, description and tags: search without $text (FerretDB has none). */
  keywords: string[];
  deleted: boolean;
  deletedAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  /** Events written with the changes they describe, oldest first, until the relay publishes them. */
  outbox?: OutboxEntry[];
  /** True while `outbox` may hold events: a top-level equality FerretDB pushes down (indexed). */
  outboxPending?: boolean;
  /**
   * Orders whose units moved here and whose reservation may not record it yet, as
   * `<mark>:<orderId>` (mongodb-stock-writes.ts). A list of strings, not a map: FerretDB 1.24's `$set`
   * keeps an embedded document whose values equal the new one's, whatever the keys.
   */
  stockMarks?: `${StockMark}:${string}`[];
}

/**
 * The payload is kept as its JSON text: FerretDB 1.24 removes array elements only by exact
 * value (`$pullAll`; a `$pull` condition matches nothing, silently), and a string compares
 * exactly where a re-serialised sub-document might not (number types, key order).
 */
export interface OutboxEntry {
  id: string;
  topic: string;
  payload: string;
}

export interface CategoryDoc {
  _id: string;
  name: string;
  slug: string;
  parentId: string | null;
  attributes: AttributeDefinition[];
  createdAt: Date;
  updatedAt: Date;
}

export interface ReservationDoc {
  _id: string;
  items: ReservationItem[];
  taken: ReservationItem[];
  status: Reservation['status'];
  closing?: Reservation['closing'];
  expiresAt: Date;
  createdAt: Date;
  updatedAt: Date;
}

export interface ReviewDoc {
  _id: string;
  productId: string;
  userId: string;
  rating: number;
  title?: string;
  body?: string;
  createdAt: Date;
}

/** A new product's document: no ratings yet, its search keywords derived. */
export const productDocOf = (p: Product): ProductDoc => {
  const { id, rating: _rating, ...rest } = p;
  return {
    _id: id,
    ...rest,
    attributes: { ...p.attributes },
    images: [...p.images],
    tags: [...p.tags],
    ratingSum: 0,
    ratingCount: 0,
    ratingAverage: 0,
    keywords: keywordsOf(p),
  };
};

export const productOf = (d: ProductDoc): Product => ({
  id: d._id,
  sku: d.sku,
  name: d.name,
  description: d.description,
  categoryId: d.categoryId,
  price: d.price,
  currency: d.currency,
  attributes: d.attributes ?? {},
  images: d.images ?? [],
  tags: d.tags ?? [],
  stock: d.stock,
  stockVersion: d.stockVersion ?? 0,
  rating: ratingOf(d.ratingSum ?? 0, d.ratingCount ?? 0),
  deleted: d.deleted,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export const categoryOf = (d: CategoryDoc): Category => ({
  id: d._id,
  name: d.name,
  slug: d.slug,
  parentId: d.parentId ?? null,
  attributes: d.attributes ?? [],
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export const reservationOf = (d: ReservationDoc): Reservation => ({
  orderId: d._id,
  items: d.items,
  taken: d.taken ?? [],
  status: d.status,
  ...(d.closing ? { closing: d.closing } : {}),
  expiresAt: d.expiresAt,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

export const reviewOf = (d: ReviewDoc): Review => ({
  id: d._id,
  productId: d.productId,
  userId: d.userId,
  rating: d.rating,
  ...(d.title === undefined ? {} : { title: d.title }),
  ...(d.body === undefined ? {} : { body: d.body }),
  createdAt: d.createdAt,
});

export const outboxEntryOf = (e: DomainEvent): OutboxEntry => ({
  id: e.id,
  topic: e.topic,
  payload: JSON.stringify(e.data),
});
export const eventOf = (e: OutboxEntry): DomainEvent => ({
  id: e.id,
  topic: e.topic,
  data: JSON.parse(e.payload) as object,
});
