import http from 'node:http';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startGateway, type TestGateway } from './support/gateway';
import { eventually } from './support/raw';
import { startUpstream, type TestUpstream, unusedPortUrl } from './support/upstream';

const opened: Array<{ close(): Promise<void> }> = [];
async function track<T extends { close(): Promise<void> }>(thing: Promise<T>): Promise<T> {
  const value = await thing;
  opened.push(value);
  return value;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

describe('upstream failures', () => {
  it('When the owning service is down, then the client gets 502 problem+json with code UNAVAILABLE', async () => {
    const gateway: TestGateway = await track(startGateway({ upstreams: { user: await unusedPortUrl() } }));
    const id = `down-${randomUUID()}`;

    const res = await request(gateway.url).get('/v1/users/me').set('x-request-id', id);

    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['x-request-id']).toBe(id);
    expect(res.body).toEqual({
      type: 'urn:shop:problem:unavailable',
      title: 'Service unavailable',
      status: 502,
      detail: 'The user service is unavailable',
      code: 'UNAVAILABLE',
      traceId: id, // tracing is not running in this test, so the request id stands in
      instance: '/v1/users/me',
    });
    const warn = gateway.logs.find((l) => l['message'] === 'upstream unreachable');
    expect(warn).toMatchObject({ upstream: 'user', code: 'ECONNREFUSED', requestId: id });
  });

  it('When the service hangs past the proxy timeout, then the client gets 504 problem+json in about that time', async () => {
    const hanging: TestUpstream = await track(startUpstream('order', () => undefined));
    const gateway = await track(startGateway({ upstreams: { order: hanging.url }, proxyTimeoutMs: 300 }));

    const started = Date.now();
    const res = await request(gateway.url).post('/v1/orders').send({ shippingAddressId: randomUUID() });
    const elapsed = Date.now() - started;

    expect(res.status).toBe(504);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT', type: 'urn:shop:problem:gateway-timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(3_000);
    // The gateway gave up on the upstream request rather than leaving it open.
    await eventually(() => hanging.seen[0]?.aborted === true);
  });

  it('When the service answers slowly but within the timeout, then the answer comes through', async () => {
    const slow = await track(
      startUpstream('product', (_req, res) => {
        setTimeout(() => res.end('late but fine'), 150);
      }),
    );
    const gateway = await track(startGateway({ upstreams: { product: slow.url }, proxyTimeoutMs: 1_000 }));
    const res = await request(gateway.url).get('/v1/products');
    expect(res.status).toBe(200);
    expect(res.text).toBe('late but fine');
  });

  it('When the client goes away mid-request, then the gateway aborts the upstream request', async () => {
    const hanging = await track(startUpstream('order', () => undefined));
    const gateway = await track(startGateway({ upstreams: { order: hanging.url } }));
    const { hostname, port } = new URL(gateway.url);

    const client = http.request({ hostname, port, path: '/v1/cart', method: 'GET', agent: false });
    client.on('error', () => undefined);
    client.end();
    await eventually(() => hanging.seen.length === 1);
    client.destroy();

    await eventually(() => hanging.seen[0]!.aborted);
    // Counted as 499 (client closed request), not as an upstream failure.
    const counted = await gateway.metrics.httpRequests.get();
    expect(counted.values).toContainEqual(
      expect.objectContaining({ labels: expect.objectContaining({ route: '/v1/cart', status: '499' }), value: 1 }),
    );
    expect(gateway.logs.some((l) => l['message'] === 'upstream unreachable')).toBe(false);
  });

  describe('a kept-alive connection the service drops', () => {
    // The second request on any connection is dropped without an answer, as when the service
    // closes an idle connection just as the gateway reuses it.
    const dropSecondOnEachConnection = () => {
      const counts = new WeakMap<object, number>();
      return startUpstream('product', (req, res, seen) => {
        const count = (counts.get(req.socket) ?? 0) + 1;
        counts.set(req.socket, count);
        if (count === 2) {
          req.socket.destroy();
          return;
        }
        res.end(`served ${seen.method} ${seen.url}`);
      });
    };

    it('When an idempotent request meets it, then the gateway retries once on a new connection', async () => {
      const product = await track(dropSecondOnEachConnection());
      const gateway = await track(startGateway({ upstreams: { product: product.url } }));

      await request(gateway.url).get('/v1/products/first').expect(200);
      const res = await request(gateway.url).get('/v1/products/second');

      expect(res.status).toBe(200);
      expect(res.text).toBe('served GET /v1/products/second');
      expect(product.seen.map((s) => s.url)).toEqual([
        '/v1/products/first',
        '/v1/products/second',
        '/v1/products/second',
      ]);
    });

    it('When every pooled connection is stale, then the retry takes a new connection, not another stale one', async () => {
      const counts = new WeakMap<object, number>();
      const product = await track(
        startUpstream('product', (req, res, seen) => {
          const count = (counts.get(req.socket) ?? 0) + 1;
          counts.set(req.socket, count);
          if (count === 2) {
            req.socket.destroy();
            return;
          }
          // Slow enough that the two first requests need two connections.
          setTimeout(() => res.end(`served ${seen.url}`), 50);
        }),
      );
      const gateway = await track(startGateway({ upstreams: { product: product.url } }));
      await Promise.all([
        request(gateway.url).get('/v1/products/a').expect(200),
        request(gateway.url).get('/v1/products/b').expect(200),
      ]);

      const res = await request(gateway.url).get('/v1/products/c');

      expect(res.status).toBe(200);
      expect(res.text).toBe('served /v1/products/c');
      expect(product.seen.filter((s) => s.url === '/v1/products/c')).toHaveLength(2);
    });

    it('When a request with a body meets it, then it is not replayed and the client gets 502', async () => {
      const product = await track(dropSecondOnEachConnection());
      const gateway = await track(startGateway({ upstreams: { product: product.url } }));

      await request(gateway.url).get('/v1/products/first').expect(200);
      const res = await request(gateway.url).post('/v1/products').send({ name: randomUUID() });

      expect(res.status).toBe(502);
      expect(product.seen.filter((s) => s.method === 'POST')).toHaveLength(1);
    });
  });
});
