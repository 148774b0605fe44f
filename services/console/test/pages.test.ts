import request from 'supertest';
import { buildConsole, type TestConsole } from './support/console';
import { cannedInstances, deadTarget, ORDER_3DS, startFakeDapr, type FakeDapr } from './support/fake-dapr';

const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ');

// Generous: the machine is shared, and indexing 1,000 instances over gRPC is real work.
jest.setTimeout(30_000);

describe('console pages against a fake Dapr', () => {
  let fake: FakeDapr;
  let c: TestConsole;

  beforeAll(async () => {
    fake = await startFakeDapr({ name: 'order', instances: cannedInstances(1000) });
    c = await buildConsole({
      targets: [fake.target, deadTarget('product')],
      logs: {
        order: [
          JSON.stringify({
            level: 'info',
            message: `order placed ${ORDER_3DS}`,
            traceId: 'a'.repeat(32),
            timestamp: '2026-01-01T00:00:00.000Z',
          }),
          JSON.stringify({
            level: 'error',
            message: 'capture failed',
            traceId: 'a'.repeat(32),
            timestamp: '2026-01-01T00:00:01.000Z',
          }),
        ],
        gateway: [
          JSON.stringify({
            level: 'info',
            message: 'http request',
            traceId: 'a'.repeat(32),
            timestamp: '2026-01-01T00:00:00.500Z',
          }),
        ],
      },
    });
  });
  afterAll(async () => {
    c.close();
    await fake.close();
  });

  test('When the overview is opened with one dead app, then it answers 200 and shows that app red and the live one green', async () => {
    const res = await request(c.app).get('/').expect(200);
    const row = (name: string) => res.text.split('<tr>').find((r) => r.includes(`href="/apps/${name}"`)) ?? '';
    expect(row('order')).toContain('pill green');
    expect(row('order')).toContain('1.18.2-fake');
    expect(row('order')).toContain('4242 / 4243');
    expect(row('product')).toContain('pill red');
    expect(text(res.text)).toContain('placement');
  });

  test('When an app page is opened, then it lists what the metadata API returned', async () => {
    const t = text((await request(c.app).get('/apps/order').expect(200)).text);
    for (const part of [
      'workflowstore',
      'state.postgresql',
      'product.price-changed',
      'deadletters',
      'payment-provider',
      'dapr.internal.default.order.workflow 3',
      'shop-resiliency',
      '127.0.0.1:6060',
    ])
      expect(t).toContain(part);
    const dead = await request(c.app).get('/apps/product').expect(200);
    expect(dead.text).toContain('did not answer');
  });

  test('When the resources page is opened, then components show as YAML with their secrets redacted', async () => {
    const res = await request(c.app).get('/resources').expect(200);
    expect(res.text).toContain('workflowstore');
    expect(res.text).toContain('value: &lt;redacted&gt;');
    expect(res.text).not.toContain('hunter2');
    expect(text(res.text)).toContain('loaded by: order');
  });

  test.each(['RUNNING', 'PENDING', 'SUSPENDED', 'STALLED', 'COMPLETED', 'FAILED', 'TERMINATED', 'CANCELED'])(
    'When the workflows are filtered by status %s, then only instances in it are listed',
    async (status) => {
      const res = await request(c.app).get(`/api/workflows?status=${status}&pageSize=200`).expect(200);
      expect(res.body.total).toBeGreaterThan(0);
      expect(res.body.items.every((i: { status: string }) => i.status === status)).toBe(true);
    },
  );

  test('When 1,000+ instances are indexed, then pages of 50 walk through all of them without repeats', async () => {
    const first = await request(c.app).get('/api/workflows?page=1').expect(200);
    const total = first.body.total as number;
    expect(total).toBe(1011);
    const seen = new Set<string>();
    for (let page = 1; page <= Math.ceil(total / 50); page += 1) {
      const res = await request(c.app).get(`/api/workflows?page=${page}`).expect(200);
      for (const i of res.body.items) seen.add(i.instanceId);
    }
    expect(seen.size).toBe(total);
    const html = await request(c.app).get('/workflows?page=2').expect(200);
    expect(html.text).toContain('page 2 of 21');
  });

  test('When workflows are filtered by name and age, then only matching instances are listed', async () => {
    const byName = await request(c.app).get('/api/workflows?name=cancellationWorkflow').expect(200);
    expect(byName.body.items.map((i: { instanceId: string }) => i.instanceId)).toEqual(['long-history-1']);
    const old = await request(c.app).get('/api/workflows?age=older-1h&pageSize=200').expect(200);
    expect(old.body.total).toBe(9);
  });

  test('When an order id is searched, then its saga is found', async () => {
    const res = await request(c.app).get(`/workflows?q=${ORDER_3DS.toUpperCase()}`).expect(200);
    expect(res.text).toContain(`checkout-${ORDER_3DS}`);
    expect(text(res.text)).toContain('1 instances');
  });

  test('When a workflow waiting for 3-D Secure is opened, then the timeline, what it waits on and its order are shown', async () => {
    const res = await request(c.app)
      .get(`/workflows/order/checkout-${ORDER_3DS}`)
      .set('authorization', `Bearer ${'test-token-0123456789abcdefghij'}`)
      .expect(200);
    const t = text(res.text);
    expect(t).toContain('authorizePayment');
    expect(t).toMatch(/timer durable timer , deadline/);
    expect(t).toContain('event payment-confirmation');
    expect(res.text).toContain(`href="/orders/${ORDER_3DS}"`);
    expect(res.text).toContain('data-action="approve-payment"');
  });

  test('When a 1,000-event history is opened, then it is grouped into steps with attempts and failures and the raw list is paged', async () => {
    const res = await request(c.app).get('/workflows/order/long-history-1').expect(200);
    const t = text(res.text);
    expect(t).toContain('from 1000 history events');
    expect(t).toMatch(/step3 \(attempt \d+\)/);
    expect(t).toContain('boom 0');
    expect(t).toContain('Show all 1000 events');
    const all = await request(c.app).get('/workflows/order/long-history-1?events=all').expect(200);
    expect(all.text).not.toContain('Show all 1000 events');
  });

  test('When an instance is unknown or its sidecar is dead, then the page says so instead of failing', async () => {
    await request(c.app).get('/workflows/order/nope').expect(404);
    const dead = await request(c.app).get('/workflows/product/checkout-x').expect(503);
    expect(dead.text).toContain('did not answer');
  });

  test('When the order page is opened without an order database, then its sagas and log lines with its trace id are shown', async () => {
    const res = await request(c.app).get(`/orders/${ORDER_3DS}`).expect(200);
    const t = text(res.text);
    expect(t).toContain(`checkout-${ORDER_3DS}`);
    expect(t).toContain('capture failed'); // same trace id, no order id in the line
    expect(t).toContain('gateway');
  });

  test('When the logs page is filtered by level, then only those lines show; the tail endpoint continues from an offset', async () => {
    const res = await request(c.app).get('/logs?process=order&level=error').expect(200);
    expect(text(res.text)).toContain('capture failed');
    expect(text(res.text)).not.toContain('order placed');
    const tail = await request(c.app).get('/logs/tail.json?process=order').expect(200);
    expect(tail.body.lines).toHaveLength(2);
    const after = await request(c.app).get(`/logs/tail.json?process=order&after=${tail.body.offset}`).expect(200);
    expect(after.body.lines).toHaveLength(0);
  });

  test('When the metrics series are read, then the fake app has request and error rates and checkout outcomes', async () => {
    const res = await request(c.app).get('/charts/series.json').expect(200);
    const order = res.body.series.find((s: { process: string }) => s.process === 'order');
    expect(order.up).toBe(true);
    expect(order.times.length).toBe(1);
    expect(Object.keys(order.checkouts)).toEqual(['confirmed']);
    expect(res.body.series.find((s: { process: string }) => s.process === 'product').up).toBe(false);
  });

  test('When a filter or an id is malformed, then the answer is a 4xx, never a 5xx', async () => {
    await request(c.app)
      .get('/api/workflows?status=NOPE')
      .expect(400)
      .expect('content-type', /problem\+json/);
    await request(c.app).get('/workflows?page=0').expect(400);
    await request(c.app).get('/orders/not-a-uuid').expect(400);
    await request(c.app).get('/orders?q=nope').expect(400);
    await request(c.app).get('/apps/nope').expect(404);
  });
});
