// The listing query evaluated in memory over the read model: the same filters, sorts,
// ranking and paging as the store's query (data-access/product-repository.ts), so a page reads
// the same whichever answers it.
import type { Product, ProductQuery, SortOrder } from './product';
import { relevance, wordsOf } from './search';

/** A product with what the query needs precomputed once per version. */
export interface IndexedProduct {
  readonly product: Product;
  readonly keywords: readonly string[];
}

/** "16" may be stored as the number 16 or the string "16": match either. */
function attributeMatches(value: unknown, raw: string): boolean {
  if (value === raw) return true;
  if (typeof value === 'number') return raw !== '' && Number(raw) === value;
  if (typeof value === 'boolean') return (raw === 'true' && value) || (raw === 'false' && !value);
  return false;
}

function matches(
  e: IndexedProduct,
  q: ProductQuery,
  categories: ReadonlySet<string> | undefined,
  words: readonly string[],
): boolean {
  const p = e.product;
  if (p.deleted) return false;
  if (categories && !categories.has(p.categoryId)) return false;
  if (q.minPrice !== undefined && p.price < q.minPrice) return false;
  if (q.maxPrice !== undefined && p.price > q.maxPrice) return false;
  if (q.inStock !== undefined && (q.inStock ? p.stock <= 0 : p.stock > 0)) return false;
  for (const [name, raw] of Object.entries(q.attributes)) if (!attributeMatches(p.attributes[name], raw)) return false;
  return words.every((w) => e.keywords.some((k) => k.startsWith(w)));
}

// Binary order, like the store's default collation; ties by id, like the store's sorts.
const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
const byId = (a: Product, b: Product) => cmp(a.id, b.id);
const SORTS: Record<Exclude<SortOrder, 'relevance'>, (a: Product, b: Product) => number> = {
  price: (a, b) => a.price - b.price || byId(a, b),
  '-price': (a, b) => b.price - a.price || byId(a, b),
  rating: (a, b) => a.rating.average - b.rating.average || byId(a, b),
  '-rating': (a, b) => b.rating.average - a.rating.average || b.rating.count - a.rating.count || byId(a, b),
  newest: (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || byId(a, b),
  name: (a, b) => cmp(a.name, b.name) || byId(a, b),
};

export function queryProducts(all: Iterable<IndexedProduct>, q: ProductQuery): { items: Product[]; total: number } {
  const words = q.search ? wordsOf(q.search).slice(0, 10) : [];
  const categories = q.categoryIds ? new Set(q.categoryIds) : undefined;
  const found: Product[] = [];
  for (const e of all) if (matches(e, q, categories, words)) found.push(e.product);
  if (words.length > 0 && (q.sort === undefined || q.sort === 'relevance')) {
    const scored = found.map((p) => ({ p, score: relevance(words, p) }));
    scored.sort((a, b) => b.score - a.score || a.p.name.localeCompare(b.p.name) || a.p.id.localeCompare(b.p.id));
    return { items: scored.slice((q.page - 1) * q.pageSize, q.page * q.pageSize).map((s) => s.p), total: found.length };
  }
  found.sort(SORTS[q.sort === undefined || q.sort === 'relevance' ? 'newest' : q.sort]);
  return { items: found.slice((q.page - 1) * q.pageSize, q.page * q.pageSize), total: found.length };
}

/** True when `candidate` is the same version of the product as `held` or a later one. */
export function notOlder(candidate: Product, held: Product): boolean {
  return candidate.stockVersion >= held.stockVersion && candidate.updatedAt.getTime() >= held.updatedAt.getTime();
}
