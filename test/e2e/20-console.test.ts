// The operators' console against the real stack: real sidecars (their gRPC workflow API),
// the real order database and log files. An operator finds a 3-D Secure order by its id,
// approves the payment from the console and sees it CONFIRMED; terminates and purges
// another instance; and finds both actions in the audit log.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consolePorts, host } from '@shop/topology';
import { eventually, PROFILE, ROOT } from '../support/shop';
import { call, insertProduct, newShopper, settledOrder, shopStores, type Shopper } from '../support/shopper';

jest.setTimeout(120_000);

const base = `http://${host}:${consolePorts(PROFILE).restPort}`;
const token = () => readFileSync(join(ROOT, '.run', PROFILE, 'console-token'), 'utf8').trim();

async function consoleGet(path: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token()}` } });
  return { status: res.status, text: await res.text() };
}

async function act(
  instanceId: string,
  action: string,
  reason: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}/actions/workflows/order/${instanceId}/${action}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token()}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reason, confirm: 'yes' }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('The operators console on the real stack', () => {
  const { mongo, open, close } = shopStores();
  beforeAll(open);
  afterAll(close);

  async function order3ds(me: Shopper): Promise<string> {
    const productId = await insertProduct(mongo, 3);
    expect((await call('PUT', `/v1/cart/items/${productId}`, me.token, { quantity: 1 })).status).toBe(200);
    const res = await call(
      'POST',
      '/v1/orders',
      me.token,
      { shippingAddressId: me.addressId, paymentMethod: { token: 'tok_3ds' } },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.status).toBe(202);
    return res.body['id'] as string;
  }

  test('When an operator finds a tok_3ds order by its id and approves the payment in the console, then the order is CONFIRMED', async () => {
    const me = await newShopper('Console E2E');
    const orderId = await order3ds(me);
    const instanceId = `checkout-${orderId}`;

    // The saga starts just after the 202 (owed start), so the instance may take a moment to exist.
    const found = await eventually(async () => {
      const page = await consoleGet(`/workflows?q=${orderId}`);
      return page.text.includes(`/workflows/order/${instanceId}`) ? page : undefined;
    });
    expect(found.status).toBe(200);
    expect(found.text).toContain(`/workflows/order/${instanceId}`);
    // The test profile gives 3-D Secure 6 s: approve as soon as the saga waits for it.
    await eventually(
      async () =>
        (await consoleGet(`/workflows/order/${instanceId}`)).text.includes('data-action="approve-payment"')
          ? true
          : undefined,
      5_000,
      100,
    );
    const approved = await act(instanceId, 'approve-payment', 'e2e: customer passed 3-D Secure by phone');

    expect(approved).toMatchObject({ status: 200, body: { ok: true } });
    expect(await settledOrder(me, orderId)).toMatchObject({ status: 'CONFIRMED' });
    const page = await eventually(async () => {
      const p = await consoleGet(`/orders/${orderId}`);
      return p.text.includes('data-order-status="CONFIRMED"') ? p : undefined;
    });
    expect(page.text).toContain('OrderConfirmed');
    expect(page.text).toContain(instanceId);
  });

  test('When an operator terminates and then purges an instance, then it is gone and both actions are in the audit log', async () => {
    const me = await newShopper('Console E2E');
    const orderId = await order3ds(me);
    const instanceId = `checkout-${orderId}`;
    await eventually(async () =>
      (await consoleGet(`/workflows/order/${instanceId}`)).status === 200 ? true : undefined,
    );

    const terminated = await act(instanceId, 'terminate', 'e2e: stuck checkout');
    await eventually(async () =>
      (await consoleGet(`/workflows/order/${instanceId}`)).text.includes('>TERMINATED<') ? true : undefined,
    );
    const purged = await act(instanceId, 'purge', 'e2e: clean up the terminated saga');
    const after = await consoleGet(`/workflows/order/${instanceId}`);
    const audit = await consoleGet('/audit');
    const auditFile = readFileSync(join(ROOT, '.run', PROFILE, 'console-audit.log'), 'utf8');

    expect(terminated.status).toBe(200);
    expect(purged).toMatchObject({ status: 200, body: { detail: '1 purged' } });
    expect(after.status).toBe(404);
    expect(audit.text).toContain('e2e: stuck checkout');
    expect(audit.text).toContain('e2e: clean up the terminated saga');
    expect(auditFile).toContain(
      `"target":"order/${instanceId}","reason":"e2e: clean up the terminated saga","outcome":"ok"`,
    );
  });

  test('When the overview is opened, then every app, sidecar, placement and the scheduler are up', async () => {
    const page = await consoleGet('/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('all up');
    expect(page.text).not.toContain('pill red');
  });
});
