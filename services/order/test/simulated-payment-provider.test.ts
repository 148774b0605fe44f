import { isAppError } from '@shop/service-kit';
import { createSimulatedPaymentProvider } from '../src/data-access/simulated-payment-provider';

const authorize = (p: ReturnType<typeof createSimulatedPaymentProvider>, token: string, key = `o-${token}:authorize`) =>
  p.authorize({ idempotencyKey: key, orderId: 'o', amount: 5000, currency: 'USD', token });

describe('the simulated payment provider', () => {
  test('When tok_visa is authorised and captured, then both succeed and the payment is captured', async () => {
    const p = createSimulatedPaymentProvider();

    const auth = await authorize(p, 'tok_visa');
    await p.capture({ idempotencyKey: 'o:capture', paymentId: auth.paymentId, amount: 5000 });

    expect(auth.status).toBe('authorized');
    expect(p.payment(auth.paymentId)).toMatchObject({ state: 'captured', amount: 5000 });
  });

  test('When tok_decline or an unknown token is used, then it is declined with a reason and cannot be captured', async () => {
    const p = createSimulatedPaymentProvider();

    const declined = await authorize(p, 'tok_decline');
    const unknown = await authorize(p, 'tok_whatever');

    expect(declined).toMatchObject({ status: 'declined', reason: 'card_declined' });
    expect(unknown).toMatchObject({ status: 'declined', reason: 'invalid_token' });
    await expect(p.capture({ idempotencyKey: 'x', paymentId: declined.paymentId, amount: 1 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  test('When tok_3ds is used, then it needs confirmation, and only a confirmed one can be captured', async () => {
    const p = createSimulatedPaymentProvider();
    const auth = await authorize(p, 'tok_3ds');

    const early = p.capture({ idempotencyKey: 'c1', paymentId: auth.paymentId, amount: 5000 });
    await expect(early).rejects.toMatchObject({ code: 'CONFLICT' });
    p.confirm(auth.paymentId, true);
    await p.capture({ idempotencyKey: 'c2', paymentId: auth.paymentId, amount: 5000 });

    expect(auth.status).toBe('requires_confirmation');
    expect(p.payment(auth.paymentId)?.state).toBe('captured');
  });

  test('When one idempotency key is used twice, then the first answer is replayed and one effect happens', async () => {
    const p = createSimulatedPaymentProvider();

    const [a, b] = await Promise.all([authorize(p, 'tok_visa', 'k1'), authorize(p, 'tok_visa', 'k1')]);
    await p.capture({ idempotencyKey: 'k1:capture', paymentId: a.paymentId, amount: 5000 });
    const r1 = await p.refund({ idempotencyKey: 'k1:refund', paymentId: a.paymentId, amount: 5000 });
    const r2 = await p.refund({ idempotencyKey: 'k1:refund', paymentId: a.paymentId, amount: 5000 });

    expect(b.paymentId).toBe(a.paymentId);
    expect(r2.refundId).toBe(r1.refundId);
    expect(p.effects.map((e) => e.operation)).toEqual(['authorize', 'capture', 'refund']);
    expect(p.payment(a.paymentId)?.refunded).toBe(5000);
  });

  test('When a refund would exceed the captured amount, then it is refused', async () => {
    const p = createSimulatedPaymentProvider();
    const a = await authorize(p, 'tok_visa');
    await p.capture({ idempotencyKey: 'c', paymentId: a.paymentId, amount: 5000 });
    await p.refund({ idempotencyKey: 'r1', paymentId: a.paymentId, amount: 4000 });

    await expect(p.refund({ idempotencyKey: 'r2', paymentId: a.paymentId, amount: 2000 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  test('When failures are injected, then calls fail with UNAVAILABLE before any effect, and a retry succeeds once', async () => {
    const p = createSimulatedPaymentProvider({ failureRate: 1, random: () => 0.5 });
    const flaky = createSimulatedPaymentProvider();
    flaky.failNext(2);

    const always = await authorize(p, 'tok_visa').catch((e: unknown) => e);
    const attempts = [];
    for (let i = 0; i < 3; i += 1) attempts.push(await authorize(flaky, 'tok_visa', 'same').catch((e: unknown) => e));

    expect(isAppError(always) && always.code).toBe('UNAVAILABLE');
    expect(p.effects).toHaveLength(0);
    expect(attempts.map((a) => (isAppError(a) ? a.code : 'ok'))).toEqual(['UNAVAILABLE', 'UNAVAILABLE', 'ok']);
    expect(flaky.effects).toHaveLength(1);
  });

  test('When latency is injected, then a call takes at least that long', async () => {
    const p = createSimulatedPaymentProvider({ latencyMs: 50 });
    const started = Date.now();

    await authorize(p, 'tok_visa');

    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
