import request from 'supertest';
import { createResponseCache } from '../src/entry-points/response-cache';
import { startGateway } from './support/gateway';
import { startUpstream, type UpstreamHandler } from './support/upstream';

const opened: Array<{ close(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> }>(thing: T): T => (opened.push(thing), thing);
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

/** Answers like the catalog (public, max-age, strong ETag) or like per-user data (private). */
const answering =
  (cacheControl: string): UpstreamHandler =>
  (req, res, seen) => {
    const body = JSON.stringify({ url: seen.url, n: Math.random() });
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'cache-control': cacheControl,
      etag: '"v1"',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

describe('the gateway response cache', () => {
  it('When the service marks an answer public with max-age, then the next anonymous GET is served by the gateway with Age and the same body', async () => {
    const product = track(await startUpstream('product', answering('public, max-age=2')));
    const gateway = track(await startGateway({ upstreams: { product: product.url }, cache: createResponseCache() }));

    const first = await request(gateway.url).get('/v1/products/p1?x=1');
    const second = await request(gateway.url).get('/v1/products/p1?x=1');
    const revalidated = await request(gateway.url).get('/v1/products/p1?x=1').set('if-none-match', '"v1"');

    expect(product.seen).toHaveLength(1);
    expect(second.status).toBe(200);
    expect(second.text).toBe(first.text);
    expect(second.headers['age']).toBe('0');
    expect(second.headers['etag']).toBe('"v1"');
    expect(revalidated.status).toBe(304);
    expect(product.seen).toHaveLength(1);
  });

  it('When a request carries credentials or the answer is private, then it always reaches the service', async () => {
    const product = track(await startUpstream('product', answering('public, max-age=2')));
    const order = track(await startUpstream('order', answering('private, no-cache')));
    const gateway = track(
      await startGateway({ upstreams: { product: product.url, order: order.url }, cache: createResponseCache() }),
    );

    for (let i = 0; i < 2; i += 1) {
      await request(gateway.url).get('/v1/products/p2').set('authorization', 'Bearer x');
      await request(gateway.url).get('/v1/cart');
    }

    expect(product.seen).toHaveLength(2);
    expect(order.seen).toHaveLength(2);
  });

  it('When max-age has run out or an unsafe request went through the route, then the next GET reaches the service again', async () => {
    let clock = 1_000_000;
    const product = track(await startUpstream('product', answering('public, max-age=2')));
    const gateway = track(
      await startGateway({ upstreams: { product: product.url }, cache: createResponseCache({ now: () => clock }) }),
    );

    await request(gateway.url).get('/v1/products/p3');
    clock += 2_001;
    await request(gateway.url).get('/v1/products/p3');
    expect(product.seen).toHaveLength(2);

    await request(gateway.url).patch('/v1/products/p3').send({ price: 1 });
    await request(gateway.url).get('/v1/products/p3');
    expect(product.seen.map((s) => s.method)).toEqual(['GET', 'GET', 'PATCH', 'GET']);
  });

  /** Answers like the catalog, and 304 to a conditional GET for the current version. */
  const versioned =
    (version: () => string): UpstreamHandler =>
    (req, res, seen) => {
      const etag = `"${version()}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { 'cache-control': 'public, max-age=2', etag });
        res.end();
        return;
      }
      const body = JSON.stringify({ url: seen.url, etag });
      res.writeHead(200, {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'public, max-age=2',
        etag,
      });
      res.end(body);
    };
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i += 1) await new Promise((r) => setTimeout(r, 10));
  };

  it('When a stored answer is asked for in the last quarter of its life, then it is revalidated in the background and served past its first expiry', async () => {
    let clock = 5_000_000;
    const product = track(
      await startUpstream(
        'product',
        versioned(() => 'v1'),
      ),
    );
    const gateway = track(
      await startGateway({ upstreams: { product: product.url }, cache: createResponseCache({ now: () => clock }) }),
    );

    await request(gateway.url).get('/v1/products/r1');
    clock += 1_600;
    const late = await request(gateway.url).get('/v1/products/r1');
    await until(() => product.seen.length === 2);
    clock += 1_000; // past the first answer's expiry
    const after = await request(gateway.url).get('/v1/products/r1');

    expect(late.status).toBe(200);
    expect(late.headers['age']).toBe('1');
    expect(product.seen.map((s) => s.headers['if-none-match'])).toEqual([undefined, '"v1"']);
    expect(after.status).toBe(200);
    expect(after.headers['age']).toBe('1'); // re-dated by the 304
    expect(after.text).toBe(late.text);
    expect(product.seen).toHaveLength(2); // no client request went through to the service
  });

  it('When the service has a new version at revalidation, then the stored answer is dropped and the next request gets the new one', async () => {
    let clock = 7_000_000;
    let version = 'v1';
    const product = track(
      await startUpstream(
        'product',
        versioned(() => version),
      ),
    );
    const gateway = track(
      await startGateway({ upstreams: { product: product.url }, cache: createResponseCache({ now: () => clock }) }),
    );

    await request(gateway.url).get('/v1/products/r2');
    version = 'v2';
    clock += 1_600;
    await request(gateway.url).get('/v1/products/r2');
    await until(() => product.seen.length === 2);
    await new Promise((r) => setTimeout(r, 20));
    const next = await request(gateway.url).get('/v1/products/r2');

    expect(next.headers['etag']).toBe('"v2"');
    expect(next.headers['age']).toBeUndefined();
    expect(product.seen).toHaveLength(3);
  });
});
