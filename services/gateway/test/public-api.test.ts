import request from 'supertest';
import { createResponseCache } from '../src/entry-points/response-cache';
import { startGateway } from './support/gateway';
import { startUpstream, type UpstreamHandler } from './support/upstream';

const opened: Array<{ close(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> }>(thing: T): T => (opened.push(thing), thing);
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

const DOCUMENT = { openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {} };

const catalogAnswer: UpstreamHandler = (_req, res) => {
  const body = '{"items":[]}';
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'public, max-age=2',
    vary: 'Authorization',
    etag: '"c1"',
  });
  res.end(body);
};

describe('the gateway’s public-API headers', () => {
  it('When the gateway answers by itself (a problem, a probe), then nosniff and no-store, and no X-Powered-By', async () => {
    const gateway = track(await startGateway({ upstreams: {} }));
    for (const path of ['/v1/nothing', '/healthz', '/not-an-api-path']) {
      const res = await request(gateway.url).get(path);
      expect([path, res.headers['x-content-type-options'], res.headers['cache-control']]).toEqual([
        path,
        'nosniff',
        'no-store',
      ]);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('When a service chooses its own Cache-Control, then the gateway passes it on, and adds nosniff if the service did not', async () => {
    const product = track(await startUpstream('product', catalogAnswer));
    const gateway = track(await startGateway({ upstreams: { product: product.url } }));
    const res = await request(gateway.url).get('/v1/products').set('origin', 'http://localhost:5173');
    expect(res.headers['cache-control']).toBe('public, max-age=2');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['vary']).toBe('Origin, Authorization');
  });

  it('When a service answers a public page with Vary: Authorization, then the cache keeps it and serves it with that Vary', async () => {
    const product = track(await startUpstream('product', catalogAnswer));
    const gateway = track(await startGateway({ upstreams: { product: product.url }, cache: createResponseCache() }));
    await request(gateway.url).get('/v1/products');
    const cached = await request(gateway.url).get('/v1/products');
    expect(product.seen).toHaveLength(1);
    expect(cached.headers['age']).toBe('0');
    expect(cached.headers['vary']).toBe('Origin, Authorization');
    // A signed-in request is never answered from the anonymous entry.
    await request(gateway.url).get('/v1/products').set('authorization', 'Bearer t');
    expect(product.seen).toHaveLength(2);
  });

  it('When a service answers with Vary on another header, then the cache does not keep it', async () => {
    const product = track(
      await startUpstream('product', (_req, res) => {
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': 2,
          'cache-control': 'public, max-age=2',
          vary: 'Accept-Language',
        });
        res.end('{}');
      }),
    );
    const gateway = track(await startGateway({ upstreams: { product: product.url }, cache: createResponseCache() }));
    await request(gateway.url).get('/v1/products');
    await request(gateway.url).get('/v1/products');
    expect(product.seen).toHaveLength(2);
  });
});

describe('the OpenAPI document and the docs page', () => {
  it('When /v1/openapi.json is fetched, then the document with an ETag and no-cache, and 304 when it is unchanged', async () => {
    const gateway = track(await startGateway({ upstreams: {}, openApiDocument: DOCUMENT }));
    const res = await request(gateway.url).get('/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual(DOCUMENT);
    expect(res.headers['cache-control']).toBe('no-cache');
    const again = await request(gateway.url).get('/v1/openapi.json').set('if-none-match', res.headers['etag']!);
    expect(again.status).toBe(304);
  });

  it('When /docs is opened, then an HTML page that loads only same-origin scripts, under a CSP that forbids others', async () => {
    const gateway = track(await startGateway({ upstreams: {}, openApiDocument: DOCUMENT }));
    const page = await request(gateway.url).get('/docs');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect([...page.text.matchAll(/src="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/docs/swagger-ui-bundle.js',
      '/docs/init.js',
    ]);
    const init = await request(gateway.url).get('/docs/init.js');
    expect(init.text).toContain("url: '/v1/openapi.json'");
    const bundle = await request(gateway.url).get('/docs/swagger-ui-bundle.js');
    expect([bundle.status, bundle.headers['cache-control']]).toEqual([200, 'public, max-age=3600']);
  });

  it('When a file of the package that the page does not use is asked for, then 404 problem', async () => {
    const gateway = track(await startGateway({ upstreams: {}, openApiDocument: DOCUMENT }));
    for (const path of [
      '/docs/index.html',
      '/docs/package.json',
      '/docs/swagger-initializer.js',
      '/docs/..%2Fpackage.json',
    ]) {
      const res = await request(gateway.url).get(path);
      expect([path, res.status, res.headers['content-type']]).toEqual([
        path,
        404,
        expect.stringMatching(/problem\+json/),
      ]);
    }
  });

  it('When the gateway has no document, then /docs and /v1/openapi.json are 404', async () => {
    const gateway = track(await startGateway({ upstreams: {} }));
    expect((await request(gateway.url).get('/docs')).status).toBe(404);
    expect((await request(gateway.url).get('/v1/openapi.json')).status).toBe(404);
  });
});
