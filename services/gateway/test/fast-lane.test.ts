import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { createResponseCache } from '../src/entry-points/response-cache';
import { startGateway, type TestGateway } from './support/gateway';
import { startUpstream, type UpstreamHandler } from './support/upstream';

const opened: Array<{ close(): Promise<void> }> = [];
const track = <T extends { close(): Promise<void> }>(thing: T): T => (opened.push(thing), thing);
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

/** Answers like the catalog does: public with max-age, a strong ETag, the service's own Vary. */
const catalog: UpstreamHandler = (req, res, seen) => {
  const body = JSON.stringify({ url: seen.url });
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'public, max-age=2',
    'x-content-type-options': 'nosniff',
    vary: 'Authorization',
    etag: '"v7"',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
};

async function gatewayPair() {
  const product = track(await startUpstream('product', catalog));
  const lane = track(await startGateway({ upstreams: { product: product.url }, cache: createResponseCache() }));
  const full = track(
    await startGateway({ upstreams: { product: product.url }, cache: createResponseCache(), fastLane: false }),
  );
  return { product, lane, full };
}

/** A stored answer's second delivery, without what differs per delivery. */
async function hit(gateway: TestGateway, path: string, headers: Record<string, string> = {}) {
  await request(gateway.url).get(path);
  const res = await request(gateway.url).get(path).set(headers);
  const { date: _date, 'x-request-id': requestId, connection: _c, 'keep-alive': _k, ...rest } = res.headers;
  return { status: res.status, headers: rest, body: res.text, requestId };
}

const requestsCounted = async (gateway: TestGateway, route: string) =>
  Number(
    new RegExp(`^http_server_requests_total\\{method="GET",route="${route}",status="200"[^}]*\\} (\\d+)$`, 'm').exec(
      await gateway.metrics.registry.metrics(),
    )?.[1] ?? 0,
  );

describe('the gateway fast lane for cache hits', () => {
  it('When an anonymous GET is a cache hit, then the fast lane answers exactly as the full chain does', async () => {
    const { product, lane, full } = await gatewayPair();
    const path = `/v1/products/${randomUUID()}?view=full`;

    const viaLane = await hit(lane, path);
    const viaFull = await hit(full, path);

    expect(viaLane).toEqual({ ...viaFull, requestId: viaLane.requestId });
    expect(viaLane.headers).toMatchObject({
      vary: 'Origin, Authorization',
      age: '0',
      'cache-control': 'public, max-age=2',
    });
    expect(viaLane.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(product.seen).toHaveLength(2); // one per gateway: the second GET of each was served from its cache
  });

  it('When a hit is revalidated with its ETag or asked with HEAD, then the fast lane answers 304 and a bodiless 200 like the full chain', async () => {
    const { lane, full } = await gatewayPair();
    const path = `/v1/products/${randomUUID()}`;

    const [lane304, full304] = [
      await hit(lane, path, { 'if-none-match': '"v7"' }),
      await hit(full, path, { 'if-none-match': '"v7"' }),
    ];
    const laneHead = await request(lane.url).head(path);
    const fullHead = await request(full.url).head(path);

    expect(lane304.status).toBe(304);
    expect(lane304).toEqual({ ...full304, requestId: lane304.requestId });
    expect(laneHead.status).toBe(200);
    expect(laneHead.text).toBeUndefined();
    expect(laneHead.headers['content-length']).toBe(fullHead.headers['content-length']);
  });

  it('When a hit is served by the fast lane, then it is counted under its route prefix and logged once with the client request id', async () => {
    const { lane } = await gatewayPair();
    const path = `/v1/products/${randomUUID()}`;
    const requestId = randomUUID();

    await request(lane.url).get(path);
    const served = await request(lane.url).get(path).set('x-request-id', requestId);

    expect(served.headers['x-request-id']).toBe(requestId);
    expect(await requestsCounted(lane, '/v1/products')).toBe(2);
    const lines = lane.logs.filter((l) => l['message'] === 'http request' && l['requestId'] === requestId);
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', method: 'GET', route: '/v1/products', status: 200, service: 'gateway' }),
    ]);
    expect(typeof lines[0]?.['durationMs']).toBe('number');
  });

  it('When a request carries an Origin, credentials or no-cache, then it takes the full chain (CORS answered, the service asked)', async () => {
    const { product, lane } = await gatewayPair();
    const path = `/v1/products/${randomUUID()}`;
    await request(lane.url).get(path);

    const browser = await request(lane.url).get(path).set('origin', 'http://localhost:5173');
    await request(lane.url).get(path).set('authorization', 'Bearer someone');
    await request(lane.url).get(path).set('cache-control', 'no-cache');

    expect(browser.status).toBe(200);
    expect(browser.headers['access-control-allow-origin']).toBe('http://localhost:5173');
    expect(browser.headers['age']).toBe('0'); // still a cache hit, through the full chain's CORS
    expect(product.seen.map((s) => s.headers['authorization'] ?? s.headers['cache-control'] ?? 'first')).toEqual([
      'first',
      'Bearer someone',
      'no-cache',
    ]);
  });
});
