// Anonymous catalog reads through the gateway: 80 % product pages over a few hundred ids,
// 20 % listings (first page, search, category, price range with a sort).
import { call, productIds } from '../lib/shop.mjs';
import { pickWeighted } from './pick.mjs';

export const name = 'catalog';
export const description =
  'anonymous catalog: 80 % GET /v1/products/{id} over 400 ids, 20 % list, search, category, price range';
export const defaults = { rate: 3000, duration: 30, connections: 64 };
/** Read-only GETs: the run is followed by the same load on a bare server (floor/), for the ratio. */
export const floor = true;

export async function setup({ origin }) {
  const ids = await productIds(origin, 400);
  if (ids.length === 0) throw new Error('the catalog is empty: run `npm run seed` first');
  const { items: categories } = await call(origin, 'GET', '/v1/categories');
  const { items: sample } = await call(origin, 'GET', '/v1/products?pageSize=50&sort=name');
  const words = [
    ...new Set(sample.flatMap((p) => p.name.toLowerCase().split(/\s+/)).filter((w) => /^[a-z]{4,}$/.test(w))),
  ].slice(0, 20);
  return { ids, slugs: categories.map((c) => c.slug), words };
}

const any = (list) => list[Math.floor(Math.random() * list.length)];

/** Browsing requests; the mixed scenario reuses them for its "browse" share. */
export const browse = [
  [80, (s) => ({ name: 'GET /v1/products/{id}', method: 'GET', path: `/v1/products/${any(s.ids)}` })],
  [
    5,
    () => ({
      name: 'GET /v1/products (list)',
      method: 'GET',
      path: `/v1/products?page=${1 + Math.floor(Math.random() * 3)}`,
    }),
  ],
  [
    5,
    (s) => ({
      name: 'GET /v1/products?search',
      method: 'GET',
      path: `/v1/products?search=${encodeURIComponent(any(s.words))}`,
    }),
  ],
  [5, (s) => ({ name: 'GET /v1/products?category', method: 'GET', path: `/v1/products?category=${any(s.slugs)}` })],
  [
    5,
    () => {
      const min = 500 * Math.floor(Math.random() * 20);
      return {
        name: 'GET /v1/products?minPrice&maxPrice&sort',
        method: 'GET',
        path: `/v1/products?minPrice=${min}&maxPrice=${min + 5000}&sort=price`,
      };
    },
  ],
];

export const next = (state) => pickWeighted(browse)(state);
