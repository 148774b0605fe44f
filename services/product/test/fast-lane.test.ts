import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import request from 'supertest';
import { withFastLane } from '@shop/service-kit';
import { startHarness, type Harness } from './support/harness';
import { makeCategory, makeProduct } from './support/catalog-data';

jest.setTimeout(60_000);

// Headers that differ between any two answers, whichever path wrote them.
const PER_ANSWER = new Set(['date', 'x-request-id', 'connection', 'keep-alive']);
const routeHeaders = (headers: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(headers).filter(([k]) => !PER_ANSWER.has(k.toLowerCase())));

describe('The product REST fast lane (anonymous product pages before Express), on FerretDB', () => {
  let h: Harness;
  let fullChain: number;
  let recorded: string[][];
  let listener: RequestListener;
  beforeAll(async () => {
    h = await startHarness();
    await h.app.readModel!.loaded;
    const record = (method: string, route: string, status: string) => void recorded.push([method, route, status]);
    const express = (req: IncomingMessage, res: ServerResponse) => {
      fullChain += 1;
      h.express(req, res);
    };
    listener = withFastLane(h.app.fastLane({ logger: h.logger, record }), express);
  });
  beforeEach(() => {
    fullChain = 0;
    recorded = [];
  });
  afterAll(() => h.close());

  test('When an anonymous shopper asks for a product page the read model holds, then the fast lane answers what the full chain answers, header for header', async () => {
    const cat = await makeCategory(h);
    const p = await makeProduct(h, cat.id, { price: 1234 });

    const fast = await request(listener).get(`/v1/products/${p.id}`);
    expect(fullChain).toBe(0);
    const full = await request(h.express).get(`/v1/products/${p.id}`);
    expect(fast.status).toBe(200);
    expect(fast.body).toEqual(full.body);
    expect(fast.body.price).toBe(1234);
    expect(routeHeaders(fast.headers)).toEqual(routeHeaders(full.headers));
    expect(fast.headers['x-content-type-options']).toBe('nosniff');
    expect(fast.headers['cache-control']).toBe('public, max-age=2');

    const etag = full.headers['etag'] as string;
    const fast304 = await request(listener).get(`/v1/products/${p.id}`).set('if-none-match', etag);
    const full304 = await request(h.express).get(`/v1/products/${p.id}`).set('if-none-match', etag);
    expect(fast304.status).toBe(304);
    expect(full304.status).toBe(304);
    expect(routeHeaders(fast304.headers)).toEqual(routeHeaders(full304.headers));
    expect(fullChain).toBe(0);
  });

  test('When the fast lane answers, then it keeps the request id, counts the route like the middleware and writes the access-log line', async () => {
    const cat = await makeCategory(h);
    const p = await makeProduct(h, cat.id);
    const requestId = 'fast-lane-test-0001';

    const res = await request(listener).get(`/v1/products/${p.id}`).set('x-request-id', requestId);

    expect(res.headers['x-request-id']).toBe(requestId);
    expect(recorded).toEqual([['GET', '/v1/products/:id', '200']]);
    const line = h.logs.map((l) => JSON.parse(l)).find((l) => l.requestId === requestId);
    expect(line).toMatchObject({ message: 'http request', method: 'GET', route: '/v1/products/:id', status: 200 });
  });

  test('When a page is asked with credentials, with a query, for an id the route rejects or for a product not held, then the full chain answers it', async () => {
    const cat = await makeCategory(h);
    const p = await makeProduct(h, cat.id);

    const signedIn = await request(listener)
      .get(`/v1/products/${p.id}`)
      .set('authorization', `Bearer ${await h.userToken()}`);
    expect(signedIn.headers['cache-control']).toBe('private, no-cache');
    await request(listener).get(`/v1/products/${p.id}?x=1`);
    const invalid = await request(listener).get('/v1/products/not$an$id');
    expect(invalid.status).toBe(400);
    expect(invalid.headers['content-type']).toMatch(/^application\/problem\+json/);
    const unknown = await request(listener).get('/v1/products/no-such-product-0000');
    expect(unknown.status).toBe(404);
    expect(fullChain).toBe(4);
    expect(recorded).toEqual([]);
  });

  test("When a product changes, then the fast lane answers the new version at once (this replica's own write)", async () => {
    const cat = await makeCategory(h);
    const p = await makeProduct(h, cat.id, { price: 1000 });
    const before = await request(listener).get(`/v1/products/${p.id}`);

    const patched = await request(listener)
      .patch(`/v1/products/${p.id}`)
      .set('authorization', `Bearer ${await h.adminToken()}`)
      .send({ price: 2000 });
    expect(patched.status).toBe(200);

    const after = await request(listener)
      .get(`/v1/products/${p.id}`)
      .set('if-none-match', before.headers['etag'] as string);
    expect(after.status).toBe(200);
    expect(after.body.price).toBe(2000);
    expect(recorded.filter(([m]) => m === 'GET')).toHaveLength(2);
  });
});
