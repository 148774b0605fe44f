import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { isAppError } from '@shop/service-kit';
import {
  createSimulatedPaymentProvider,
  type SimulatedPaymentProvider,
  type SimulatedProviderOptions,
} from '../src/data-access/simulated-payment-client';
import { createInMemorySimulatorLedger, type SimulatorLedger } from '../src/data-access/simulator-ledger-repository';
import { createPgSimulatorLedger } from '../src/data-access/simulator-ledger-postgres-repository';
import { migratedDatabase } from './support';

const DATABASE = 'shop_order_unit';
let pool: Pool;
beforeAll(async () => {
  pool = await migratedDatabase(DATABASE);
});
afterAll(() => pool.end());

/** The same behaviour must hold whichever ledger keeps the books. */
const ledgers: [string, () => SimulatorLedger][] = [
  ['in memory', () => createInMemorySimulatorLedger()],
  ['PostgreSQL', () => createPgSimulatorLedger(pool)],
];

describe.each(ledgers)('the simulated payment provider (ledger: %s)', (_name, newLedger) => {
  /** A provider over a fresh ledger, and keys unique to this test (the database outlives runs). */
  function setup(options: SimulatedProviderOptions = {}, ledger = newLedger()) {
    const prefix = randomUUID();
    const p = createSimulatedPaymentProvider({ ...options, ledger });
    const k = (name: string) => `${prefix}:${name}`;
    const authorize = (token: string, key = k(`o-${token}:authorize`), provider: SimulatedPaymentProvider = p) =>
      provider.authorize({ idempotencyKey: key, orderId: 'o', amount: 5000, currency: 'USD', token });
    return { p, k, ledger, authorize };
  }

  test('When tok_visa is authorised and captured, then both succeed and the payment is captured', async () => {
    const { p, k, authorize } = setup();

    const auth = await authorize('tok_visa');
    await p.capture({ idempotencyKey: k('capture'), paymentId: auth.paymentId, amount: 5000 });

    expect(auth.status).toBe('authorized');
    expect(await p.payment(auth.paymentId)).toMatchObject({ state: 'captured', amount: 5000 });
  });

  test('When tok_decline or an unknown token is used, then it is declined with a reason and cannot be captured', async () => {
    const { p, k, authorize } = setup();

    const declined = await authorize('tok_decline');
    const unknown = await authorize('tok_whatever');

    expect(declined).toMatchObject({ status: 'declined', reason: 'card_declined' });
    expect(unknown).toMatchObject({ status: 'declined', reason: 'invalid_token' });
    await expect(p.capture({ idempotencyKey: k('x'), paymentId: declined.paymentId, amount: 1 })).rejects.toMatchObject(
      {
        code: 'CONFLICT',
      },
    );
  });

  test('When tok_3ds is used, then it needs confirmation, and only a confirmed one can be captured', async () => {
    const { p, k, authorize } = setup();
    const auth = await authorize('tok_3ds');

    const early = p.capture({ idempotencyKey: k('c1'), paymentId: auth.paymentId, amount: 5000 });
    await expect(early).rejects.toMatchObject({ code: 'CONFLICT' });
    await p.confirm(auth.paymentId, true);
    await p.capture({ idempotencyKey: k('c2'), paymentId: auth.paymentId, amount: 5000 });

    expect(auth.status).toBe('requires_confirmation');
    expect((await p.payment(auth.paymentId))?.state).toBe('captured');
  });

  test('When a refused call is retried with its key after the cause is gone, then it runs (a refusal is not stored)', async () => {
    const { p, k, authorize } = setup();
    const auth = await authorize('tok_3ds');

    await expect(p.capture({ idempotencyKey: k('c'), paymentId: auth.paymentId, amount: 5000 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(p.void({ idempotencyKey: k('v'), paymentId: 'sim_pay_nobody' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await p.confirm(auth.paymentId, true);
    await p.capture({ idempotencyKey: k('c'), paymentId: auth.paymentId, amount: 5000 });

    expect(p.effects.map((e) => e.operation)).toEqual(['authorize', 'capture']);
  });

  test('When one idempotency key is used twice, then the first answer is replayed and one effect happens', async () => {
    const { p, k, authorize } = setup();

    const [a, b] = await Promise.all([authorize('tok_visa', k('k1')), authorize('tok_visa', k('k1'))]);
    await p.capture({ idempotencyKey: k('k1:capture'), paymentId: a.paymentId, amount: 5000 });
    const r1 = await p.refund({ idempotencyKey: k('k1:refund'), paymentId: a.paymentId, amount: 5000 });
    const r2 = await p.refund({ idempotencyKey: k('k1:refund'), paymentId: a.paymentId, amount: 5000 });

    expect(b.paymentId).toBe(a.paymentId);
    expect(r2.refundId).toBe(r1.refundId);
    expect(p.effects.map((e) => e.operation)).toEqual(['authorize', 'capture', 'refund']);
    expect((await p.payment(a.paymentId))?.refunded).toBe(5000);
  });

  test('When 10 concurrent captures share one key, then one effect happens', async () => {
    const { p, k, ledger, authorize } = setup();
    const replica = createSimulatedPaymentProvider({ ledger }); // a second process over the same books
    const auth = await authorize('tok_visa');

    const captures = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? replica : p).capture({ idempotencyKey: k('capture'), paymentId: auth.paymentId, amount: 5000 }),
      ),
    );

    expect(new Set(captures.map((c) => c.captureId)).size).toBe(1);
    expect([...p.effects, ...replica.effects].filter((e) => e.operation === 'capture')).toHaveLength(1);
    expect((await p.payment(auth.paymentId))?.state).toBe('captured');
  });

  test('When a refund would exceed the captured amount, then it is refused', async () => {
    const { p, k, authorize } = setup();
    const a = await authorize('tok_visa');
    await p.capture({ idempotencyKey: k('c'), paymentId: a.paymentId, amount: 5000 });
    await p.refund({ idempotencyKey: k('r1'), paymentId: a.paymentId, amount: 4000 });

    await expect(p.refund({ idempotencyKey: k('r2'), paymentId: a.paymentId, amount: 2000 })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect((await p.payment(a.paymentId))?.refunded).toBe(4000);
  });

  test('When failures are injected, then calls fail with UNAVAILABLE before any effect, and a retry succeeds once', async () => {
    const { p, authorize } = setup({ failureRate: 1, random: () => 0.5 });
    const { p: flaky, k, authorize: authorizeFlaky } = setup();
    flaky.failNext(2);

    const always = await authorize('tok_visa').catch((e: unknown) => e);
    const attempts = [];
    for (let i = 0; i < 3; i += 1) attempts.push(await authorizeFlaky('tok_visa', k('same')).catch((e: unknown) => e));

    expect(isAppError(always) && always.code).toBe('UNAVAILABLE');
    expect(p.effects).toHaveLength(0);
    expect(attempts.map((a) => (isAppError(a) ? a.code : 'ok'))).toEqual(['UNAVAILABLE', 'UNAVAILABLE', 'ok']);
    expect(flaky.effects).toHaveLength(1);
  });

  test('When latency is injected, then a call takes at least that long', async () => {
    const { authorize } = setup({ latencyMs: 50 });
    const started = Date.now();

    await authorize('tok_visa');

    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});

describe('the simulated payment provider over PostgreSQL', () => {
  test('When the provider is re-created over the same database (a restart), then a captured payment is still known and a replayed key returns the first answer', async () => {
    const key = (name: string) => `${randomUUID()}:${name}`;
    const [authKey, captureKey, refundKey] = [key('authorize'), key('capture'), key('refund')];
    const before = createSimulatedPaymentProvider({ pool });
    const auth = await before.authorize({
      idempotencyKey: authKey,
      orderId: 'o',
      amount: 5000,
      currency: 'USD',
      token: 'tok_visa',
    });
    const capture = await before.capture({ idempotencyKey: captureKey, paymentId: auth.paymentId, amount: 5000 });

    // A new process: its own pool and provider, nothing shared in memory with the first.
    const restartedPool = await migratedDatabase(DATABASE);
    try {
      const after = createSimulatedPaymentProvider({ pool: restartedPool });
      const replayed = await after.capture({ idempotencyKey: captureKey, paymentId: auth.paymentId, amount: 5000 });
      const refund = await after.refund({ idempotencyKey: refundKey, paymentId: auth.paymentId, amount: 5000 });

      expect(replayed.captureId).toBe(capture.captureId);
      expect(refund.refundId).toMatch(/^sim_ref_/);
      expect(after.effects.map((e) => e.operation)).toEqual(['refund']);
      expect(await after.payment(auth.paymentId)).toEqual({
        id: auth.paymentId,
        amount: 5000,
        state: 'captured',
        refunded: 5000,
      });
    } finally {
      await restartedPool.end();
    }
  });
});
