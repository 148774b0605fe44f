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
});
