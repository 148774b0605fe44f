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
  const pair = await call(origin, 'POST', '/v1/auth/login', { body: { email, password } });
  const accessToken = pair.accessToken;
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
  return { email, token: accessToken, addressId: address.id, cartLines: 0, ...renewal(pair) };
}

const renewal = (pair) => ({ refreshToken: pair.refreshToken, renewAt: Date.now() + (pair.expiresIn * 1000 * 2) / 3 });

/**
 * Keeps signed-in shoppers signed in as a client does: each shopper's pair is refreshed
 * (rotated) once two thirds of its access token's life have passed. These calls are the
 * client's housekeeping, not the measured load. Returns a stop function.
 */
export function keepSignedIn(origin, shoppers, log) {
  let busy = false;
  const timer = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      const due = shoppers.filter((s) => s.renewAt <= Date.now());
      await inBatches(due, 4, async (s) => {
        try {
          const pair = await call(origin, 'POST', '/v1/auth/refresh', { body: { refreshToken: s.refreshToken } });
          Object.assign(s, { token: pair.accessToken, ...renewal(pair) });
        } catch (err) {
          log(`  a shopper's token refresh failed (${err.message}); retried in 10 s`);
          s.renewAt = Date.now() + 10_000;
        }
      });
    } finally {
      busy = false;
    }
  }, 5_000);
  timer.unref();
  return () => clearInterval(timer);
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function inBatches(items, limit, fn) {
  const out = [];
  for (let i = 0; i < items.length; i += limit) out.push(...(await Promise.all(items.slice(i, i + limit).map(fn))));
  return out;
}
