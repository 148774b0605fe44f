import { createHash } from 'node:crypto';
import type { AttributeDefinition, Attributes, Category } from '../../domain/category';
import type { Product } from '../../domain/product';
import type { Review } from '../../domain/review';
import { demoCategories } from './demo-categories';

/** Ids derived from natural keys, so re-running the seed meets the same records (idempotent). */
export function stableId(kind: string, key: string): string {
  const h = createHash('sha1').update(`${kind}:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A small seeded generator (mulberry32): the same demo catalog on every machine. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, int };
}

function attributeValue(def: AttributeDefinition, rnd: ReturnType<typeof random>): string | number | boolean {
  if (def.allowedValues) return rnd.pick(def.allowedValues);
  if (def.type === 'boolean') return rnd.next() < 0.5;
  if (def.type === 'number') return rnd.int(80, 900);
  return rnd.pick(['A. Writer', 'B. Author', 'C. Scribe', 'D. Novelist']);
}

export interface DemoCatalog {
  readonly categories: Category[];
  readonly products: Product[];
  readonly reviews: Review[];
}

export function buildDemoCatalog(productsPerLeaf = 55, at = new Date('2026-01-01T00:00:00Z')): DemoCatalog {
  const rnd = random(20260101);
  const idOf = (slug: string) => stableId('category', slug);
  const categories: Category[] = demoCategories.map((c) => ({
    id: idOf(c.slug),
    name: c.name,
    slug: c.slug,
    parentId: c.parent ? idOf(c.parent) : null,
    attributes: c.attributes,
    createdAt: at,
    updatedAt: at,
  }));
  const products: Product[] = [];
  const reviews: Review[] = [];
  for (const c of demoCategories.filter((x) => x.brands && x.nouns && x.priceRange)) {
    for (let i = 1; i <= productsPerLeaf; i += 1) {
      const sku = `${c.slug
        .toUpperCase()
        .replace(/[^A-Z]/g, '')
        .slice(0, 4)}-${String(i).padStart(4, '0')}`;
      const brand = rnd.pick(c.brands!);
      const noun = rnd.pick(c.nouns!);
      const attributes: Record<string, string | number | boolean> = {};
      for (const def of c.attributes)
        if (def.required || rnd.next() < 0.6) attributes[def.name] = attributeValue(def, rnd);
      const [min, max] = c.priceRange!;
      const createdAt = new Date(at.getTime() + products.length * 60_000);
      const id = stableId('product', sku);
      products.push({
        id,
        sku,
        name: `${brand} ${noun} ${100 + i}`,
        categoryId: idOf(c.slug),
        description: `The ${brand} ${noun.toLowerCase()} ${100 + i}: ${c.name.toLowerCase()} made for everyday use. ${Object.entries(
          attributes,
        )
          .map(([k, v]) => `${k} ${String(v)}`)
          .join(', ')}.`,
        price: Math.round(rnd.int(min, max) / 100) * 100 - 1,
        currency: 'USD',
        attributes: attributes as Attributes,
        images: [`https://images.shop.example/${sku.toLowerCase()}/1.jpg`],
        tags: [c.slug, brand.toLowerCase().split(' ')[0]!, noun.toLowerCase().split(' ')[0]!],
        stock: rnd.next() < 0.08 ? 0 : rnd.int(1, 250),
        stockVersion: 0,
        rating: { average: 0, count: 0 },
        deleted: false,
        createdAt,
        updatedAt: createdAt,
      });
      for (let r = 0, n = rnd.next() < 0.4 ? rnd.int(1, 6) : 0; r < n; r += 1) {
        reviews.push({
          id: stableId('review', `${sku}/${r}`),
          productId: id,
          userId: stableId('user', `demo-${r}`),
          rating: rnd.int(2, 5),
          title: rnd.pick(['Great value', 'Does the job', 'Love it', 'Solid', 'Not bad']),
          createdAt,
        });
      }
    }
  }
  return { categories, products, reviews };
}
