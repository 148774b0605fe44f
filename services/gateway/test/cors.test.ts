import request from 'supertest';
import { originAllowed, parseOriginPatterns } from '../src/entry-points/cors';
import { startGateway, type TestGateway } from './support/gateway';
import { startUpstream, type TestUpstream } from './support/upstream';

let product: TestUpstream;
let gateway: TestGateway;

beforeEach(async () => {
  product = await startUpstream('product', (_req, res) => {
    // A service's own CORS header must not compete with the gateway's policy.
    res.writeHead(201, {
      'content-type': 'application/json',
      location: '/v1/products/p1',
      vary: 'Accept-Encoding',
      'access-control-allow-origin': '*',
    });
    res.end('{"id":"p1"}');
  });
  gateway = await startGateway({
    upstreams: { product: product.url },
    corsOrigins: 'https://shop.example.com, http://localhost:*',
  });
});

afterEach(async () => {
  await gateway.close();
  await product.close();
});

describe('CORS', () => {
  it('When an allowed origin sends a preflight, then the gateway answers it and the service never sees it', async () => {
    const res = await request(gateway.url)
      .options('/v1/products')
      .set('origin', 'http://localhost:5173')
      .set('access-control-request-method', 'POST')
      .set('access-control-request-headers', 'authorization, content-type, idempotency-key');

    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(res.headers['access-control-allow-methods']).toContain('POST');
    expect(res.headers['access-control-allow-headers']).toBe('authorization, content-type, idempotency-key');
    expect(res.headers['access-control-max-age']).toBe('600');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(product.seen).toHaveLength(0);
  });

  it('When a refused origin sends a preflight, then it gets 403 problem+json without CORS headers and the service never sees it', async () => {
    const res = await request(gateway.url)
      .options('/v1/products')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'DELETE');

    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'FORBIDDEN' });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(product.seen).toHaveLength(0);
  });

  it('When an allowed origin makes a request, then the answer carries the gateway’s CORS headers only', async () => {
    const res = await request(gateway.url)
      .post('/v1/products')
      .set('origin', 'https://shop.example.com')
      .send({ name: 'lamp' });

    expect(res.status).toBe(201);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example.com');
    expect(res.headers['access-control-expose-headers']).toBe(
      'x-request-id,Retry-After,Location,ETag,Preference-Applied',
    );
    expect(res.headers['location']).toBe('/v1/products/p1');
    // Caches must key on both the gateway's and the service's Vary.
    expect(res.headers['vary']).toBe('Origin, Accept-Encoding');
  });

  it('When a refused origin makes a request, then it is served without CORS headers (the browser withholds it)', async () => {
    const res = await request(gateway.url).post('/v1/products').set('origin', 'https://evil.example').send({});
    expect(res.status).toBe(201);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('When origins are compared, then only exact origins or any port of a listed host match', () => {
    const patterns = parseOriginPatterns('https://shop.example.com,http://localhost:*,http://127.0.0.1:*');
    if (typeof patterns === 'string') throw new Error(patterns);
    expect(originAllowed('https://shop.example.com', patterns)).toBe(true);
    expect(originAllowed('http://localhost:3000', patterns)).toBe(true);
    expect(originAllowed('http://localhost', patterns)).toBe(true);
    expect(originAllowed('http://127.0.0.1:8080', patterns)).toBe(true);
    expect(originAllowed('http://shop.example.com', patterns)).toBe(false);
    expect(originAllowed('https://shop.example.com.evil.example', patterns)).toBe(false);
    expect(originAllowed('http://localhost.evil.example:3000', patterns)).toBe(false);
    expect(originAllowed('null', patterns)).toBe(false);
    expect(parseOriginPatterns('https://shop.example.com/path')).toEqual(expect.stringContaining('is not an origin'));
    expect(parseOriginPatterns('*')).toEqual(expect.stringContaining('is not an origin'));
  });
});
