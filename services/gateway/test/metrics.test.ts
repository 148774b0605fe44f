import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { startGateway, type TestGateway } from './support/gateway';
import { startUpstream, type TestUpstream } from './support/upstream';

let product: TestUpstream;
let order: TestUpstream;
let gateway: TestGateway;

beforeEach(async () => {
  product = await startUpstream('product');
  order = await startUpstream('order');
  gateway = await startGateway({ upstreams: { product: product.url, order: order.url } });
});

afterEach(async () => {
  await gateway.close();
  await Promise.all([product.close(), order.close()]);
});

describe('metrics', () => {
  it('When requests go through, then /metrics counts them by route prefix, never by raw path', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    for (const id of ids) await request(gateway.url).get(`/v1/products/${id}?q=${id}`).expect(200);
    await request(gateway.url).post(`/v1/orders/${randomUUID()}/cancel`).expect(200);
    await request(gateway.url).get(`/v1/unknown/${randomUUID()}`).expect(404);

    const res = await request(gateway.url).get('/metrics');

    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const line = (route: string, method: string, status: number) =>
      new RegExp(
        `^http_server_requests_total\\{[^}]*method="${method}",route="${route}",status="${status}"[^}]*service="gateway"[^}]*\\} (\\d+)$`,
        'm',
      );
    expect(res.text).toMatch(line('/v1/products', 'GET', 200));
    expect(res.text.match(line('/v1/products', 'GET', 200))![1]).toBe('3');
    expect(res.text).toMatch(line('/v1/orders', 'POST', 200));
    expect(res.text).toMatch(line('unmatched', 'GET', 404));
    for (const id of ids) expect(res.text).not.toContain(id);
  });

  it('When the gateway is probed, then /healthz answers and probes are labelled by their own route', async () => {
    const health = await request(gateway.url).get('/healthz');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const res = await request(gateway.url).get('/metrics');
    expect(res.text).toMatch(/http_server_requests_total\{[^}]*route="\/healthz",status="200"/);
  });
});
