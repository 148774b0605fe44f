import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { type AppName, routes } from '@shop/topology';
import { startGateway, type TestGateway } from './support/gateway';
import { startUpstream, type TestUpstream, type UpstreamHandler } from './support/upstream';

const APPS = ['auth', 'user', 'product', 'order'] as const;

async function startAll(
  handler?: UpstreamHandler,
): Promise<{ gateway: TestGateway; upstreams: Record<string, TestUpstream> }> {
  const upstreams: Record<string, TestUpstream> = {};
  for (const app of APPS) upstreams[app] = await startUpstream(app, handler);
  const urls = Object.fromEntries(APPS.map((app) => [app, upstreams[app]!.url])) as Record<AppName, string>;
  const gateway = await startGateway({ upstreams: urls });
  return { gateway, upstreams };
}

let gateway: TestGateway;
let upstreams: Record<string, TestUpstream>;

beforeEach(async () => {
  ({ gateway, upstreams } = await startAll());
});

afterEach(async () => {
  await gateway.close();
  await Promise.all(Object.values(upstreams).map((u) => u.close()));
});

const others = (app: string) => APPS.filter((a) => a !== app);

describe('routing by prefix', () => {
  it.each(routes.map((r) => [r.prefix, r.app] as const))(
    'When a client posts under %s, then the %s service receives the same path, query, method, body and request id',
    async (prefix, app) => {
      const id = randomUUID();
      const body = { note: `made for ${id}` };
      const res = await request(gateway.url)
        .post(`${prefix}/${id}/things?page=2&search=a%20b`)
        .set('x-request-id', `req-${id}`)
        .send(body);

      expect(res.status).toBe(200);
      const seen = upstreams[app]!.seen;
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({
        method: 'POST',
        url: `${prefix}/${id}/things?page=2&search=a%20b`,
        complete: true,
      });
      expect(JSON.parse(seen[0]!.body)).toEqual(body);
      expect(seen[0]!.headers['x-request-id']).toBe(`req-${id}`);
      expect(seen[0]!.headers['content-type']).toMatch(/^application\/json/);
      for (const other of others(app)) expect(upstreams[other]!.seen).toHaveLength(0);
      // The upstream's answer comes back as it was sent.
      expect(res.body).toEqual({
        method: 'POST',
        url: `${prefix}/${id}/things?page=2&search=a%20b`,
        body: JSON.stringify(body),
      });
    },
  );

  it('When the path is exactly a prefix, then it is routed to its owner', async () => {
    const res = await request(gateway.url).get('/v1/categories');
    expect(res.status).toBe(200);
    expect(upstreams['product']!.seen.map((s) => s.url)).toEqual(['/v1/categories']);
  });

  it.each(['/v1/nowhere', '/v1/productsx', '/v2/products', '/V1/PRODUCTS/1', '/'])(
    'When the path %s matches no prefix, then the gateway answers 404 problem+json and calls no service',
    async (path) => {
      const res = await request(gateway.url).get(path);
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND', type: 'urn:shop:problem:not-found' });
      for (const app of APPS) expect(upstreams[app]!.seen).toHaveLength(0);
    },
  );

  it.each(['/v1/products/../users/me', '/v1/products/%2e%2e/users', '/v1/products/./x'])(
    'When the path %s has a dot segment, then the gateway answers 400 and calls no service',
    async (path) => {
      const res = await request(gateway.url).get(path);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      for (const app of APPS) expect(upstreams[app]!.seen).toHaveLength(0);
    },
  );
});

describe('upstream answers pass through', () => {
  it('When a service answers problem+json, then the client receives its status, headers and body unchanged', async () => {
    const problem = {
      type: 'urn:shop:problem:rate-limited',
      title: 'Too many requests',
      status: 429,
      detail: `slow down ${randomUUID()}`,
      code: 'RATE_LIMITED',
      traceId: 'abc',
    };
    await gateway.close();
    await upstreams['auth']!.close();
    upstreams['auth'] = await startUpstream('auth', (_req, res) => {
      res.writeHead(429, { 'content-type': 'application/problem+json', 'retry-after': '30', 'x-custom': 'kept' });
      res.end(JSON.stringify(problem));
    });
    gateway = await startGateway({ upstreams: { auth: upstreams['auth']!.url } });

    const res = await request(gateway.url).post('/v1/auth/login').send({ email: 'a@b.c', password: 'x' });

    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toBe('application/problem+json');
    expect(res.headers['retry-after']).toBe('30');
    expect(res.headers['x-custom']).toBe('kept');
    expect(res.text).toBe(JSON.stringify(problem));
  });
});

describe('request ids', () => {
  it('When the client sends no request id, then the gateway makes one, forwards it and echoes it', async () => {
    const res = await request(gateway.url).get(`/v1/orders/${randomUUID()}`);
    const id = res.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(upstreams['order']!.seen[0]!.headers['x-request-id']).toBe(id);
  });

  it('When the client sends a safe request id, then the same id reaches the service and comes back', async () => {
    const id = `client-${randomUUID()}`;
    const res = await request(gateway.url).get('/v1/cart').set('x-request-id', id);
    expect(res.headers['x-request-id']).toBe(id);
    expect(upstreams['order']!.seen[0]!.headers['x-request-id']).toBe(id);
  });

  it('When the client sends an unsafe request id, then it is replaced before it reaches logs or the service', async () => {
    const res = await request(gateway.url).get('/v1/cart').set('x-request-id', 'bad id <script>');
    const id = res.headers['x-request-id'];
    expect(id).not.toBe('bad id <script>');
    expect(upstreams['order']!.seen[0]!.headers['x-request-id']).toBe(id);
  });
});

describe('forwarding headers', () => {
  it('When a client sends spoofed forwarding, Dapr and hop-by-hop headers, then the service sees only the gateway’s own', async () => {
    const res = await request(gateway.url)
      .get('/v1/users/me')
      .set('x-forwarded-for', '6.6.6.6')
      .set('x-forwarded-proto', 'https')
      .set('x-forwarded-host', 'evil.example')
      .set('forwarded', 'for=6.6.6.6')
      .set('x-real-ip', '6.6.6.6')
      .set('dapr-app-id', 'order')
      .set('connection', 'keep-alive, x-secret-hop')
      .set('x-secret-hop', 'do not forward')
      .set('te', 'trailers')
      .set('authorization', 'Bearer token-for-the-service');

    expect(res.status).toBe(200);
    const headers = upstreams['user']!.seen[0]!.headers;
    expect(headers['x-forwarded-for']).toBe('127.0.0.1');
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-host']).toBe(new URL(gateway.url).host);
    expect(headers).not.toHaveProperty('forwarded');
    expect(headers).not.toHaveProperty('x-real-ip');
    expect(headers).not.toHaveProperty('dapr-app-id');
    expect(headers).not.toHaveProperty('x-secret-hop');
    expect(headers).not.toHaveProperty('te');
    // End-to-end headers, the token above all, reach the service that verifies it.
    expect(headers['authorization']).toBe('Bearer token-for-the-service');
  });

  it('When a proxy in front is trusted, then its X-Forwarded-For picks the client address', async () => {
    const trusting = await startGateway({ upstreams: { user: upstreams['user']!.url }, trustProxyHops: 1 });
    try {
      await request(trusting.url)
        .get('/v1/users/me')
        .set('x-forwarded-for', '203.0.113.7')
        .set('x-forwarded-proto', 'https');
      const headers = upstreams['user']!.seen[0]!.headers;
      expect(headers['x-forwarded-for']).toBe('203.0.113.7');
      expect(headers['x-forwarded-proto']).toBe('https');
    } finally {
      await trusting.close();
    }
  });
});

describe('access log', () => {
  it('When a request is proxied, then one access log line names the route prefix and the status', async () => {
    const id = `log-${randomUUID()}`;
    await request(gateway.url).get(`/v1/products/${id}`).set('x-request-id', id);
    const lines = gateway.logs.filter((l) => l['message'] === 'http request' && l['requestId'] === id);
    expect(lines).toEqual([
      expect.objectContaining({ method: 'GET', route: '/v1/products', status: 200, level: 'info' }),
    ]);
  });
});
