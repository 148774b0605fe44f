// The checkout saga killed hard, shared by the e2e crash tests and the fault suite's SIGKILL
// rounds: checkouts of one scarce product are placed at once, something is SIGKILLed while
// sagas are in flight, and afterwards every order is terminal and the invariants of brief
// §6 hold: stock never oversold, no hold left for a cancelled order, no captured payment
// without a confirmed order, one order per Idempotency-Key, nothing owed left behind.
import { randomUUID } from 'node:crypto';
import { simulatedPaymentIdFor } from '../../services/order/src/data-access/simulated-payment-client';
import { eventually } from './shop';
import {
  call,
  insertProduct,
  newShopper,
  placeOrder,
  settledOrder,
  shopStores,
  stockOf,
  type Shopper,
} from './shopper';

export const STOCK = 4;
export const TOKENS = [
  'tok_visa',
  'tok_visa',
  'tok_decline',
  'tok_visa',
  'tok_visa',
  'tok_visa',
  'tok_decline',
  'tok_visa',
];

type Stores = ReturnType<typeof shopStores>;
export type CrashRun = Awaited<ReturnType<typeof crashMidSaga>>;

/** Sagas of this product that are past OrderPlaced but not settled: the moment to kill. */
export const inFlight = async ({ db }: Stores, productId: string) =>
  (
    await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM orders o JOIN order_items i ON i.order_id = o.id
       WHERE i.product_id = $1 AND o.status = 'PENDING' AND o.stock_reserved`,
      [productId],
    )
  ).rows[0]!.n;

/** `delayMs` after the first saga is in flight, `kill` runs: a random delay hits a random step. */
export async function crashMidSaga(stores: Stores, kill: () => Promise<void>, delayMs = 0) {
  const { mongo } = stores;
  const productId = await insertProduct(mongo, STOCK, 900);
  const shoppers: Shopper[] = await Promise.all(TOKENS.map(() => newShopper('Crash E2E')));
  for (const me of shoppers) {
    expect((await call('PUT', `/v1/cart/items/${productId}`, me.token, { quantity: 1 })).status).toBe(200);
  }
  const keys = TOKENS.map(() => randomUUID());

  const posts = Promise.all(shoppers.map((me, i) => placeOrder(me, TOKENS[i]!, keys[i])));
  const killedWith = await eventually(
    () => inFlight(stores, productId).then((n) => (n > 0 ? n : undefined)),
    30_000,
    20,
  );
  if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
  await kill();
  const placed = await posts;
  const finals = await Promise.all(
    placed.map((res, i) => settledOrder(shoppers[i]!, res.body['id'] as string, 180_000)),
  );
  return { productId, shoppers, keys, placed, finals, killedWith };
}

export async function expectInvariants({ mongo, db }: Stores, run: CrashRun) {
  const { productId, placed, finals, keys } = run;
  const ids = placed.map((p) => p.body['id'] as string);
  const confirmed = finals.filter((f) => f['status'] === 'CONFIRMED');
  const cancelled = finals.filter((f) => f['status'] === 'CANCELLED');

  expect(placed.map((p) => p.status)).toEqual(TOKENS.map(() => 202));
  expect(confirmed.length + cancelled.length).toBe(TOKENS.length);
  expect(confirmed.length).toBeLessThanOrEqual(STOCK);
  // Never oversold, and every unit not sold is back on the shelf.
  expect(
    await eventually(async () => ((await stockOf(productId)) === STOCK - confirmed.length ? true : undefined), 60_000),
  ).toBe(true);
  // One order per Idempotency-Key, whatever the client retried through the crash.
  const { rows: keyRows } = await db.query('SELECT DISTINCT order_id FROM idempotency_keys WHERE key = ANY($1)', [
    keys,
  ]);
  expect(keyRows).toHaveLength(TOKENS.length);
  // No hold left behind: confirmed orders committed, cancelled ones released (or never held).
  const reservations = await mongo
    .db()
    .collection<{ _id: string; status: string }>('reservations')
    .find({ _id: { $in: ids } })
    .toArray();
  for (const r of reservations) {
    const final = finals[ids.indexOf(r._id)]!;
    expect([r._id, r.status]).toEqual([
      r._id,
      final['status'] === 'CONFIRMED' ? 'committed' : expect.stringMatching(/released|rejected/),
    ]);
  }
  // No captured money without a confirmed order; a cancelled order's money is voided or refunded.
  const paymentIds = ids.map((id) => simulatedPaymentIdFor(`${id}:authorize`));
  const { rows: payments } = await db.query<{ id: string; state: string; amount: string; refunded: string }>(
    'SELECT id, state, amount, refunded FROM payment_simulator.payments WHERE id = ANY($1)',
    [paymentIds],
  );
  for (const p of payments) {
    const final = finals[paymentIds.indexOf(p.id)]!;
    if (final['status'] === 'CONFIRMED') expect([p.state, p.refunded]).toEqual(['captured', '0']);
    else expect(p.state !== 'captured' || p.refunded === p.amount).toBe(true);
  }
  // Nothing owed is left: a start the crash left on record is cleared by the sweep (10 s grace).
  const owed = await eventually(
    async () => {
      const { rows } = await db.query('SELECT order_id FROM saga_starts WHERE order_id = ANY($1)', [ids]);
      return rows.length === 0 ? rows : undefined;
    },
    30_000,
    250,
  );
  expect(owed).toEqual([]);
}
