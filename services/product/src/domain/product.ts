import type { Attributes } from './category';

export interface Rating {
  readonly average: number;
  readonly count: number;
}

export interface Product {
  readonly id: string;
  readonly sku: string;
  readonly name: string;
  readonly description: string;
  readonly categoryId: string;
  /** Minor units (cents). */
  readonly price: number;
  readonly currency: string;
  readonly attributes: Attributes;
  readonly images: readonly string[];
  readonly tags: readonly string[];
  /** What can still be bought: reserved units are already taken off. */
  readonly stock: number;
  /** Bumped by every stock change; makes inventory event ids unique per change. */
  readonly stockVersion: number;
  readonly rating: Rating;
  readonly deleted: boolean;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export type ProductDraft = Pick<
  Product,
  'sku' | 'name' | 'description' | 'categoryId' | 'price' | 'currency' | 'attributes' | 'images' | 'tags' | 'stock'
>;
export type ProductChanges = Partial<Omit<ProductDraft, 'stock'>>;

export type SortOrder = 'price' | '-price' | 'rating' | '-rating' | 'newest' | 'name' | 'relevance';

export interface ProductQuery {
  readonly search?: string;
  readonly categoryIds?: readonly string[];
  readonly minPrice?: number;
  readonly maxPrice?: number;
  readonly inStock?: boolean;
  readonly attributes: Readonly<Record<string, string>>;
  readonly sort?: SortOrder;
  readonly page: number;
  readonly pageSize: number;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

/** Rounded for display; the exact sum and count stay in the store. */
export function ratingOf(sum: number, count: number): Rating {
  return { average: count === 0 ? 0 : Math.round((sum / count) * 100) / 100, count };
}
