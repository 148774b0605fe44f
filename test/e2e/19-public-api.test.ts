// What a REST client team meets first: the OpenAPI document and the docs page on the gateway,
// the headers every answer carries, CORS for browsers, and "Try it out" with a Bearer token
// in a real browser (Debian's chromium through playwright-core).
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { api, call, gateway, send } from '../support/api';
import { eventually, ROOT } from '../support/shop';

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'];
const SHOTS = join(ROOT, '.run', 'docs-screenshots');

async function signedIn() {
  const email = `e2e-api-${randomUUID()}@example.test`;
  const password = `Pw-${randomUUID()}`;
  const created = await api.POST('/v1/users', { body: { email, password, name: 'API E2E' } });
  expect(created.response.status).toBe(201);
  const login = await api.POST('/v1/auth/login', { body: { email, password } });
  expect(login.response.status).toBe(200);
  return { id: created.data!.id, token: login.data!.accessToken };
}

describe('The OpenAPI document and the docs page', () => {
  test('When a client fetches /v1/openapi.json, then it gets OpenAPI 3.1 with an ETag, and 304 when it revalidates', async () => {
    const doc = await send('GET', '/v1/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body).toMatchObject({
      openapi: '3.1.0',
      components: { securitySchemes: { bearerAuth: { scheme: 'bearer' } } },
    });
    expect(Object.keys(doc.body['paths'] as object)).toEqual(
      expect.arrayContaining(['/v1/orders', '/v1/products/{id}']),
    );
    expect(doc.headers['cache-control']).toBe('no-cache');
    const again = await send('GET', '/v1/openapi.json', { headers: { 'if-none-match': String(doc.headers['etag']) } });
    expect(again.status).toBe(304);
  });

  test('When a person opens /docs, then the page and its scripts come from the gateway under a same-origin CSP', async () => {
    const page = await fetchRaw('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetchRaw('/docs/swagger-ui-bundle.js');
    expect([bundle.status, bundle.headers.get('content-type')]).toEqual([200, expect.stringMatching(/javascript/)]);
    // Only the page's own assets: the package's demo page and manifest are not served.
    expect((await fetchRaw('/docs/index.html')).status).toBe(404);
    expect((await fetchRaw('/docs/package.json')).status).toBe(404);
  });

  // A browser on a loaded 2-core machine: up to 4 minutes.
  test('When a person authorizes with a token on /docs and tries GET /v1/users/me, then the page shows their 200 profile', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    const me = await signedIn();
    const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      await page.goto(`${gateway}/docs`);
      await page.locator('.opblock-tag-section').first().waitFor({ timeout: 30_000 });
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'docs.png') });

      await page.locator('button.authorize').first().click();
      await page.locator('.auth-container input').first().fill(me.token);
      await page.locator('.auth-btn-wrapper button.authorize').first().click();
      await page.locator('button.btn-done').first().click();

      const operation = page.locator('#operations-users-getProfile');
      await operation.locator('.opblock-summary').click();
      await operation.locator('button.try-out__btn').click();
      await operation.locator('button.execute').click();
      const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
      await status.waitFor({ timeout: 15_000 });
      expect((await status.innerText()).trim()).toBe('200');
      expect(await operation.locator('.live-responses-table .microlight').first().innerText()).toContain(me.id);
      await operation.screenshot({ path: join(SHOTS, 'docs-try-it-out.png') });
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 240_000);
});

/**
 * A 200 of this read: this file is about headers, and on a loaded machine the catalog's store
 * can time out for a moment (a 503/504 problem, which says no-store as it should).
 */
const answered = (method: string, path: string, token?: string) =>
  eventually(async () => {
    const res = await call(method, path, token);
    return res.status === 200 ? res : undefined;
  }, 30_000);

describe('Headers a public API sends', () => {
  test('When answers of each kind come back, then each says nosniff, has a deliberate Cache-Control and no X-Powered-By', async () => {
    const { token } = await signedIn();
    const login = await call('POST', '/v1/auth/login', undefined, { email: 'nobody@example.test', password: 'x' });
    const kinds = {
      catalog: await answered('GET', '/v1/categories'),
      catalogSignedIn: await answered('GET', '/v1/categories', token),
      perUser: await answered('GET', '/v1/cart', token),
      token: login,
      jwks: await call('GET', '/v1/auth/jwks'),
      gatewayProblem: await call('GET', '/v1/nothing-here'),
      serviceProblem: await call('GET', '/v1/users/me'),
    };
    for (const [kind, res] of Object.entries(kinds)) {
      expect([kind, res.headers['x-content-type-options']]).toEqual([kind, 'nosniff']);
      expect([kind, res.headers['x-powered-by']]).toEqual([kind, undefined]);
    }
    const cacheControl = Object.fromEntries(Object.entries(kinds).map(([k, r]) => [k, r.headers['cache-control']]));
    expect(cacheControl).toEqual({
      catalog: 'public, max-age=2',
      catalogSignedIn: 'private, no-cache',
      perUser: 'no-store',
      token: 'no-store',
      jwks: 'public, max-age=300',
      gatewayProblem: 'no-store',
      serviceProblem: 'no-store',
    });
    expect(kinds.catalog.headers['vary']).toMatch(/Origin.*Authorization|Authorization.*Origin/);
  });

  test('When a catalog page is served from the gateway cache, then it still says Vary: Authorization', async () => {
    // An entry lives max-age (2 s): on a slow machine one read may find it just expired.
    const cached = await eventually(async () => {
      const res = await call('GET', '/v1/categories');
      return res.status === 200 && res.headers['age'] !== undefined ? res : undefined;
    }, 30_000);
    expect(cached.headers['vary']).toMatch(/Authorization/);
  });
});

describe('CORS for browser clients', () => {
  const preflight = (origin: string) =>
    fetchRaw('/v1/cart', {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'PUT',
        'access-control-request-headers': 'authorization,content-type',
      },
    });

  test('When a configured origin sends a preflight, then 204 allows the method and headers for 10 minutes', async () => {
    const res = await preflight('http://localhost:5173');
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(res.headers.get('access-control-allow-methods')).toContain('PUT');
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('vary')).toMatch(/Origin/);
  });

  test('When another origin sends a preflight, then 403 problem and no allow header', async () => {
    const res = await preflight('https://evil.example');
    expect(res.status).toBe(403);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
  });

  test('When an allowed origin reads an answer, then the headers clients need are exposed', async () => {
    const res = await call('GET', '/v1/categories', undefined, undefined, { origin: 'http://127.0.0.1:3000' });
    expect(res.headers['access-control-allow-origin']).toBe('http://127.0.0.1:3000');
    expect(String(res.headers['access-control-expose-headers']).toLowerCase()).toContain('etag');
  });
});

/** Pages, assets and preflights are not API operations: plain fetch, no document check. */
function fetchRaw(path: string, init?: RequestInit) {
  return fetch(`${gateway}${path}`, init);
}
