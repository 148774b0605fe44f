import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { buildConsole, TOKEN, type TestConsole } from './support/console';
import { cannedInstances, ORDER_3DS, startFakeDapr, type FakeDapr } from './support/fake-dapr';

const auditLines = (c: TestConsole) =>
  readFileSync(join(c.dir, 'audit.log'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, string>);
const running = 'checkout-00000000-0000-4000-8000-000000000000';
const done = 'checkout-00000000-0000-4000-8000-000000000004';
const path = (id: string, action: string) => `/actions/workflows/order/${id}/${action}`;
const bearer = { authorization: `Bearer ${TOKEN}` };
const ok = { reason: 'operator test', confirm: 'yes' };

// Generous: the machine is shared, and indexing 1,000 instances over gRPC is real work.
jest.setTimeout(30_000);

describe('console actions against a fake Dapr', () => {
  let fake: FakeDapr;
  let c: TestConsole;
  let readOnly: TestConsole;

  beforeEach(async () => {
    fake = await startFakeDapr({ instances: cannedInstances() });
    c = await buildConsole({ targets: [fake.target] });
    readOnly = await buildConsole({ targets: [fake.target], actions: false });
  });
  afterEach(async () => {
    c.close();
    readOnly.close();
    await fake.close();
  });

  test('When an action comes without the token, then it is 403 and nothing reaches the sidecar', async () => {
    await request(c.app).post(path(running, 'terminate')).send(ok).expect(403);
    await request(c.app)
      .post(path(running, 'terminate'))
      .set('authorization', 'Bearer wrong-token-wrong-token-wrong')
      .send(ok)
      .expect(403);
    expect(fake.calls.filter((x) => x.method === 'TerminateInstance')).toHaveLength(0);
  });

  test('When an action has no reason or no confirmation, then it is a 400 naming what is missing', async () => {
    const noReason = await request(c.app)
      .post(path(running, 'terminate'))
      .set(bearer)
      .send({ confirm: 'yes' })
      .expect(400);
    expect(noReason.body.errors.map((e: { path: string }) => e.path)).toContain('reason');
    const noConfirm = await request(c.app)
      .post(path(running, 'terminate'))
      .set(bearer)
      .send({ reason: 'because' })
      .expect(400);
    expect(noConfirm.body.errors.map((e: { path: string }) => e.path)).toContain('confirm');
    await request(c.app)
      .post(path(running, 'terminate'))
      .set(bearer)
      .send({ ...ok, role: 'admin' })
      .expect(400);
    await request(c.app).post(path(running, 'explode')).set(bearer).send(ok).expect(404);
    const broken = await request(c.app)
      .post(path(running, 'terminate'))
      .set(bearer)
      .set('content-type', 'application/json')
      .send('{"reason":');
    expect(broken.status).toBe(400);
    await request(c.app).post('/login').type('form').send({ token: TOKEN, role: 'admin' }).expect(400);
    expect(fake.calls.filter((x) => x.method === 'TerminateInstance')).toHaveLength(0);
  });

  test('When an operator terminates with a reason, then the sidecar gets it and the audit log has the line', async () => {
    const res = await request(c.app).post(path(running, 'terminate')).set(bearer).send(ok).expect(200);
    expect(res.body).toMatchObject({ ok: true, action: 'terminate' });
    const call = fake.calls.find((x) => x.method === 'TerminateInstance')!;
    expect(call.request['instanceId']).toBe(running);
    expect(JSON.stringify(call.request['output'])).toContain('operator test');
    expect(auditLines(c).at(-1)).toMatchObject({
      action: 'terminate',
      target: `order/${running}`,
      reason: 'operator test',
      outcome: 'ok',
    });
    const audit = await request(c.app).get('/audit').expect(200);
    expect(audit.text).toContain('operator test');
  });

  test('When suspend, resume, raise-event and rerun are posted, then each reaches the sidecar with its arguments', async () => {
    await request(c.app).post(path(running, 'suspend')).set(bearer).send(ok).expect(200);
    expect(fake.instances.get(running)!.status).toBe('SUSPENDED');
    await request(c.app).post(path(running, 'resume')).set(bearer).send(ok).expect(200);
    await request(c.app)
      .post(path(running, 'raise-event'))
      .set(bearer)
      .send({ ...ok, eventName: 'payment-confirmation', eventData: '{"approved":true}' })
      .expect(200);
    const raised = fake.calls.find((x) => x.method === 'RaiseEvent')!.request;
    expect(raised).toMatchObject({
      instanceId: running,
      name: 'payment-confirmation',
      input: { value: '{"approved":true}' },
    });
    await request(c.app)
      .post(path(running, 'raise-event'))
      .set(bearer)
      .send({ ...ok, eventName: 'x', eventData: '{not json' })
      .expect(400);
    const rerun = await request(c.app)
      .post(path(done, 'rerun'))
      .set(bearer)
      .send({ ...ok, fromEventId: 0 })
      .expect(200);
    expect(rerun.body.detail).toBe('new instance rerun-1');
  });

  test('When a running instance is purged, then the refusal is a 409 and audited as failed; a finished one is purged', async () => {
    await request(c.app).post(path(running, 'purge')).set(bearer).send(ok).expect(409);
    expect(auditLines(c).at(-1)).toMatchObject({ action: 'purge', outcome: 'failed' });
    await request(c.app).post(path(done, 'purge')).set(bearer).send(ok).expect(200);
    expect(fake.instances.has(done)).toBe(false);
    await request(c.app).get(`/workflows/order/${done}`).expect(404);
  });

  test('When a 3-D Secure payment is approved, then the provider confirmation names the order and the payment from the history', async () => {
    await request(c.app)
      .post(path(`checkout-${ORDER_3DS}`, 'approve-payment'))
      .set(bearer)
      .send(ok)
      .expect(200);
    expect(c.approvals).toEqual([{ orderId: ORDER_3DS, paymentId: 'sim_pay_1', outcome: 'approved' }]);
    await request(c.app).post(path(running, 'approve-payment')).set(bearer).send(ok).expect(409);
  });

  test('When a browser signs in, then a form post needs the session cookie and the CSRF value, and redirects back', async () => {
    const wrong = await request(c.app)
      .post('/login')
      .type('form')
      .send({ token: 'nope', next: '/workflows' })
      .expect(303);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const login = await request(c.app)
      .post('/login')
      .type('form')
      .send({ token: TOKEN, next: '//evil.example' })
      .expect(303);
    expect(login.headers['location']).toBe('/');
    const cookie = String(login.headers['set-cookie']).split(';')[0]!;
    expect(String(login.headers['set-cookie'])).toMatch(/HttpOnly; SameSite=Strict/);
    await request(c.app).post(path(running, 'suspend')).set('cookie', cookie).type('form').send(ok).expect(403);
    const page = await request(c.app).get(`/workflows/order/${running}`).set('cookie', cookie).expect(200);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1]!;
    const res = await request(c.app)
      .post(path(running, 'suspend'))
      .set('cookie', cookie)
      .type('form')
      .send({ ...ok, confirm: 'on', csrf })
      .expect(303);
    expect(res.headers['location']).toMatch(new RegExp(`^/workflows/order/${running}\\?done=`));
  });

  test('When only some actions are switched on, then only their forms show and the others answer 403', async () => {
    const some = await buildConsole({
      targets: [fake.target],
      allowedActions: new Set(['approve-payment', 'raise-event'] as const),
    });
    try {
      const page = await request(some.app).get(`/workflows/order/checkout-${ORDER_3DS}`).set(bearer).expect(200);
      expect([...page.text.matchAll(/data-action="([a-z-]+)"/g)].map((m) => m[1]).sort()).toEqual([
        'approve-payment',
        'raise-event',
      ]);
      await request(some.app).post(path(running, 'terminate')).set(bearer).send(ok).expect(403);
      await request(some.app)
        .post(path(`checkout-${ORDER_3DS}`, 'approve-payment'))
        .set(bearer)
        .send(ok)
        .expect(200);
    } finally {
      some.close();
    }
  });

  test('When the console is read-only, then no action form is shown and every action POST is 403', async () => {
    const page = await request(readOnly.app).get(`/workflows/order/checkout-${ORDER_3DS}`).set(bearer).expect(200);
    expect(page.text).not.toContain('data-action=');
    expect(page.text).toContain('read-only');
    for (const action of ['terminate', 'purge', 'approve-payment', 'raise-event']) {
      await request(readOnly.app).post(path(running, action)).set(bearer).send(ok).expect(403);
    }
    await request(readOnly.app).post('/login').type('form').send({ token: TOKEN }).expect(403);
    expect(
      fake.calls.filter((x) => !['GetInstance', 'ListInstanceIDs', 'GetInstanceHistory'].includes(x.method)),
    ).toHaveLength(0);
  });
});
