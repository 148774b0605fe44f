// Many shoppers competing for little stock, through the whole stack: stock is never oversold,
// every order settles, and no integration event is left unsent. Prints the throughput and the
// POST → CONFIRMED latencies it measured (ORDER_E2E_CHECKOUTS, ORDER_E2E_STOCK change the load).
import { eventually } from '../support/shop';
import { call, insertProduct, newShopper, shopStores, placeOrder, settledOrder, stockOf } from '../support/shopper';

jest.setTimeout(600_000);

const CHECKOUTS = Number(process.env.ORDER_E2E_CHECKOUTS ?? 100);
const STOCK = Number(process.env.ORDER_E2E_STOCK ?? 20);

async function inBatches<T>(count: number, size: number, make: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += size)
    out.push(...(await Promise.all(Array.from({ length: Math.min(size, count - i) }, make))));
  return out;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

describe('Checkouts competing for stock', () => {
  const { mongo, db, open, close } = shopStores();
  beforeAll(open);
  afterAll(close);

  test(`When ${CHECKOUTS} shoppers check out at once for stock ${STOCK}, then exactly ${STOCK} are CONFIRMED, the rest CANCELLED and stock is 0`, async () => {
    const productId = await insertProduct(mongo, STOCK, 700);
    // Baseline: one checkout at a time, so the figures below read as a ratio to an idle shop.
    const soloProduct = await insertProduct(mongo, 10, 700);
    const solo: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const me = await newShopper('Solo E2E');
      await call('PUT', `/v1/cart/items/${soloProduct}`, me.token, { quantity: 1 });
      const t0 = Date.now();
      const res = await placeOrder(me, 'tok_visa');
      expect((await settledOrder(me, res.body['id'] as string))['status']).toBe('CONFIRMED');
      solo.push(Date.now() - t0);
    }
    const soloP50 = percentile(
      [...solo].sort((a, b) => a - b),
      50,
    );
    const shoppers = await inBatches(CHECKOUTS, 10, async () => {
      const me = await newShopper('Load E2E');
      expect((await call('PUT', `/v1/cart/items/${productId}`, me.token, { quantity: 1 })).status).toBe(200);
      return me;
    });

    const started = Date.now();
    const settled = await Promise.all(
      shoppers.map(async (me) => {
        const t0 = Date.now();
        const res = await placeOrder(me, 'tok_visa');
        expect(res.status).toBe(202);
        const final = await settledOrder(me, res.body['id'] as string, 300_000);
        return {
          status: final['status'] as string,
          reason: final['cancellationReason'],
          ms: Date.now() - t0,
          retries: res.retries,
        };
      }),
    );
    const elapsed = (Date.now() - started) / 1000;

    const confirmed = settled.filter((s) => s.status === 'CONFIRMED');
    const latencies = confirmed.map((s) => s.ms).sort((a, b) => a - b);
    const retries = settled.reduce((n, s) => n + s.retries, 0);
    process.stdout.write(
      `order load: ${CHECKOUTS} checkouts for stock ${STOCK}: all settled in ${elapsed.toFixed(1)} s ` +
        `(${(CHECKOUTS / elapsed).toFixed(2)} orders settled/s, ${retries} POST retries); ` +
        `POST→CONFIRMED p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms; ` +
        `one at a time p50 ${soloP50} ms (loaded p50 = ${(percentile(latencies, 50) / soloP50).toFixed(1)}x)\n`,
    );
    expect(confirmed).toHaveLength(STOCK);
    expect(settled.filter((s) => s.status === 'CANCELLED' && s.reason === 'out_of_stock')).toHaveLength(
      CHECKOUTS - STOCK,
    );
    expect(await stockOf(productId)).toBe(0);
    // No event lost: every order.* outbox row leaves through Dapr.
    const unsent = await eventually(
      async () => {
        const { rows } = await db.query(
          `SELECT count(*)::int AS n FROM outbox WHERE topic LIKE 'order.%' AND sent_at IS NULL`,
        );
        return rows[0].n === 0 ? 0 : undefined;
      },
      60_000,
      500,
    );
    expect(unsent).toBe(0);
  });
});
