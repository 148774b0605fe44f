// The few REST calls a scenario needs to set itself up (through the gateway, like a client):
// the shop's typed client (@shop/api, generated from the OpenAPI document). The load itself
// is driven by lib/driver.mjs on undici's pooled request, which costs less per call than fetch.
import { createShopClient } from '@shop/api/client';

const clients = new Map();
const clientOf = (origin) => {
  if (!clients.has(origin)) clients.set(origin, createShopClient({ baseUrl: origin }));
  return clients.get(origin);
};

/** One call; a 4xx or 5xx throws with the problem's detail. `path` may carry a query string. */
export async function call(origin, method, path, { token, body, headers = {} } = {}) {
  const [pathname, query] = path.split('?');
  const { data, error, response } = await clientOf(origin)[method](pathname, {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    ...(body ? { body } : {}),
    // The bench builds its own query strings; keep them as they are.
    ...(query ? { querySerializer: () => query } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path} -> ${response.status} ${JSON.stringify(error).slice(0, 200)}`);
  return data;
}

/** Up to `max` visible product ids, read page by page. */
export async function productIds(origin, max, { inStockOnly = false } = {}) {
  const ids = [];
  for (let page = 1; ids.length < max; page++) {
    const q = `/v1/products?pageSize=100&page=${page}&sort=name${inStockOnly ? '&inStock=true' : ''}`;
    const { items } = await call(origin, 'GET', q);
    if (items.length === 0) break;
    ids.push(...items.map((p) => p.id));
  }
  return ids.slice(0, max);
}

/** A fresh shopper with a default address, signed in. */
export async function newShopper(origin, tag, i) {
  const email = `bench-${tag}-${i}@load.example`;
  const password = `Bench-${tag}-pass-${i}!`;
  await call(origin, 'POST', '/v1/users', { body: { email, password, name: `Bench shopper ${i}` } });
  const { accessToken } = await call(origin, 'POST', '/v1/auth/login', { body: { email, password } });
  const address = await call(origin, 'POST', '/v1/users/me/addresses', {
    token: accessToken,
    body: {
      recipient: `Bench ${i}`,
      line1: '1 Load Street',
      city: 'Testville',
      postalCode: '12345',
      country: 'DE',
      isDefault: true,
    },
  });
  return { email, token: accessToken, addressId: address.id, cartLines: 0 };
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function inBatches(items, limit, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map(fn))));
  return out;
}
