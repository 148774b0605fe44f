// Signed-in shoppers with Online Boutique's weights: browse 10, view cart 3, add to cart 2,
// checkout 1. Checkout is measured as its synchronous call (POST /v1/orders -> 202); the
// saga finishes afterwards and the invariant checks wait for it.
import { randomUUID } from 'node:crypto';
import { inBatches, keepSignedIn, newShopper, productIds } from '../lib/shop.mjs';
import * as catalog from './catalog.mjs';
import { pickWeighted } from './pick.mjs';

export const name = 'mixed';
export const description = 'signed-in shoppers: browse 10 : view cart 3 : add to cart 2 : checkout 1';
// Many connections: a slow cart call must not hold up other shoppers' requests behind it in the driver.
export const defaults = { rate: 1000, duration: 30, connections: 512, shoppers: 100 };

export async function setup(ctx) {
  const base = await catalog.setup(ctx);
  const buyable = await productIds(ctx.origin, 200, { inStockOnly: true });
  const tag = `${Date.now().toString(36)}`;
  const count = Number(ctx.options.shoppers ?? defaults.shoppers);
  ctx.log(`creating ${count} shoppers...`);
  const shoppers = await inBatches([...Array(count).keys()], 8, (i) => newShopper(ctx.origin, tag, i));
  // Access tokens live 15 minutes: a long run (the soak) must refresh them as a client would.
  keepSignedIn(ctx.origin, shoppers, ctx.log);
  return { ...base, buyable, shoppers };
}

const any = (list) => list[Math.floor(Math.random() * list.length)];
const auth = (s) => ({ authorization: `Bearer ${s.token}` });

const viewCart = (state) => {
  const shopper = any(state.shoppers);
  return { name: 'GET /v1/cart', method: 'GET', path: '/v1/cart', headers: auth(shopper) };
};

const addToCart = (state, shopper = any(state.shoppers)) => ({
  name: 'PUT /v1/cart/items/{id}',
  method: 'PUT',
  path: `/v1/cart/items/${any(state.buyable)}`,
  headers: { ...auth(shopper), 'content-type': 'application/json' },
  body: JSON.stringify({ quantity: 1 }),
  after: (status) => {
    if (status === 200 || status === 201 || status === 204) shopper.cartLines += 1;
  },
});

const checkout = (state) => {
  const shopper = any(state.shoppers);
  // An empty cart cannot be checked out (409): such a shopper adds something first.
  if (shopper.cartLines === 0 || shopper.checkingOut) return addToCart(state, shopper);
  shopper.checkingOut = true;
  return {
    name: 'POST /v1/orders',
    method: 'POST',
    path: '/v1/orders',
    headers: { ...auth(shopper), 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ shippingAddressId: shopper.addressId, paymentMethod: { token: 'tok_visa' } }),
    after: (status) => {
      shopper.checkingOut = false;
      if (status === 202) shopper.cartLines = 0;
    },
  };
};

const pick = pickWeighted([
  [10, (s) => pickWeighted(catalog.browse)(s)],
  [3, viewCart],
  [2, (s) => addToCart(s)],
  [1, checkout],
]);

export const next = (state) => pick(state);
export const placesOrders = true;
