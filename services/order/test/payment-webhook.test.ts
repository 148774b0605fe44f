import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { simulatedPaymentIdFor } from '../src/data-access/simulated-payment-client';
import { signWebhook } from '../src/domain/webhook-signature';
import { orderHarness, WEBHOOK_SECRET, type Harness } from './support';

jest.setTimeout(30_000);

describe('POST /v1/payments/webhook (3-D Secure confirmations)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await orderHarness('shop_order_unit');
  });
  afterAll(() => h.close());

  /** A PENDING order whose tok_3ds authorisation waits for confirmation. */
  async function awaitingConfirmation() {
    const me = await h.customer();
    const p = h.product();
    await request(h.app).put(`/v1/cart/items/${p.id}`).set(me.auth).send({ quantity: 1 }).expect(200);
    const order = await request(h.app)
      .post('/v1/orders')
      .set(me.auth)
      .set('Idempotency-Key', randomUUID())
      .send({ shippingAddressId: me.addressId, paymentMethod: { token: 'tok_3ds' } })
      .expect(202);
    const orderId = order.body.id as string;
    const auth = await h.payments.authorize({
      idempotencyKey: `${orderId}:authorize`,
      orderId,
      amount: 1999,
      currency: 'USD',
      token: 'tok_3ds',
    });
    return { orderId, paymentId: auth.paymentId };
  }
  const send = (body: { orderId: string; paymentId: string; outcome: string }, signature?: string) =>
    request(h.app)
      .post('/v1/payments/webhook')
      .set(signature === undefined ? {} : { 'Shop-Signature': signature })
      .send(body);

  test('When the provider sends a correctly signed approval, then the payment is authorised and the saga is told', async () => {
    const { orderId, paymentId } = await awaitingConfirmation();
    const body = { orderId, paymentId, outcome: 'approved' };

    const res = await send(body, signWebhook(WEBHOOK_SECRET, body, Date.now()));

    expect(res.status).toBe(204);
    expect(paymentId).toBe(simulatedPaymentIdFor(`${orderId}:authorize`));
    expect((await h.payments.payment(paymentId))?.state).toBe('authorized');
    expect(h.confirmations).toContainEqual({ orderId, approved: true });
  });

  type Body = { orderId: string; paymentId: string; outcome: string };
  test.each<[string, (b: Body) => string | undefined]>([
    ['no signature', () => undefined],
    ['a signature made with another secret', (b) => signWebhook('some-other-secret-value', b, Date.now())],
    ['an expired signature', (b) => signWebhook(WEBHOOK_SECRET, b, Date.now() - 600_000)],
    ['a signature over other fields', (b) => signWebhook(WEBHOOK_SECRET, { ...b, outcome: 'declined' }, Date.now())],
  ])('When a webhook has %s, then it is 401 and nothing changes', async (_label, sign) => {
    const { orderId, paymentId } = await awaitingConfirmation();
    const body = { orderId, paymentId, outcome: 'approved' };

    const res = await send(body, sign(body));

    expect(res.status).toBe(401);
    expect((await h.payments.payment(paymentId))?.state).toBe('requires_confirmation');
    expect(h.confirmations.some((c) => c.orderId === orderId)).toBe(false);
  });

  test('When a webhook body has unknown fields or a bad outcome, then it is a 400 problem', async () => {
    const { orderId, paymentId } = await awaitingConfirmation();

    const extra = await send({ orderId, paymentId, outcome: 'approved', amount: 1 } as never);
    const bad = await send({ orderId, paymentId, outcome: 'maybe' });

    expect([extra.status, bad.status]).toEqual([400, 400]);
    expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});
