import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Stoppable } from '@shop/service-kit';
import type { DomainEvent } from '../src/domain/ports';
import { startOutboxRelay } from '../src/entry-points/jobs/outbox-relay';
import { makeCategory, makeProduct } from './support/catalog-data';
import { startHarness, stockCall, type Harness } from './support/harness';

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

jest.setTimeout(60_000);

describe('Product event outbox on FerretDB', () => {
  let h: Harness;
  let categoryId: string;
  let admin: string;
  // The sidecar as the relay sees it: up, down, or failing every third publish.
  let mode: 'up' | 'down' | 'flaky' = 'up';
  let calls = 0;
  const published: DomainEvent[] = [];
  const loops: Stoppable[] = [];

  beforeAll(async () => {
    h = await startHarness({
      lowStockThreshold: 0,
      publish: async (event) => {
        calls += 1;
        if (mode === 'down' || (mode === 'flaky' && calls % 3 === 0)) throw new Error('sidecar unavailable');
        published.push(event);
      },
    });
    categoryId = (await makeCategory(h)).id;
    admin = await h.adminToken();
  });
  afterEach(async () => {
    mode = 'up';
    await Promise.all(loops.splice(0).map((l) => l.stop()));
  });
  afterAll(() => h.close());

  const docOf = async (id: string) => (await h.store.products.findOne({ _id: id }))!;
  const idsFor = (id: string, events = published) => events.filter((e) => e.id.includes(id)).map((e) => e.id);
  const setStock = async (app: Harness, id: string, stock: number) =>
    request(app.http)
      .put(`/v1/products/${id}/inventory`)
      .set('authorization', `Bearer ${await app.adminToken()}`)
      .send({ stock });
  const relayLoop = (app: Harness) => {
    const loop = startOutboxRelay(app.app.outbox, app.logger, 100);
    loops.push(loop);
    return loop;
  };

  test('When an event is published, then it leaves the document with its waiting mark, in one update', async () => {
    const { id } = await makeProduct(h, categoryId);
    expect(idsFor(id)).toEqual([`product.created/${id}`]);
    // The request's own flush emptied the outbox and cleared the mark: no loop pass needed.
    expect(await docOf(id)).toMatchObject({ outbox: [], outboxPending: false });
    expect(await h.store.products.countDocuments({ _id: id, outboxPending: true })).toBe(0);
  });

  test('When the publisher is down at write time, then the event is published once it is back', async () => {
    mode = 'down';
    const { id } = await makeProduct(h, categoryId); // the write succeeds all the same
    const patched = await request(h.http)
      .patch(`/v1/products/${id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ price: 4242 });
    expect(patched.status).toBe(200);
    const stamp = new Date(patched.body.updatedAt).getTime();
    const waiting = [`product.created/${id}`, `product.updated/${id}/${stamp}`, `product.price-changed/${id}/${stamp}`];
    expect(idsFor(id)).toEqual([]);
    expect(await docOf(id)).toMatchObject({
      outboxPending: true,
      outbox: waiting.map((eventId) => expect.objectContaining({ id: eventId })),
    });
    expect(
      h.logs.some((l) => l.includes('event publish failed, kept in the outbox') && l.includes(`product.created/${id}`)),
    ).toBe(true);

    mode = 'up';
    relayLoop(h);
    await eventually(() => idsFor(id).length === 3);
    expect(idsFor(id)).toEqual(waiting); // each once, in the order written
    const price = published.find((e) => e.id === waiting[2]);
    expect(price?.data).toEqual({
      productId: id,
      oldPrice: 5999,
      newPrice: 4242,
      currency: 'USD',
      changedAt: patched.body.updatedAt,
    });
    await eventually(async () => (await docOf(id)).outboxPending === false);
    expect((await docOf(id)).outbox).toEqual([]);
  });

  test('When a product is deleted while the publisher is down, then product.deleted is still relayed', async () => {
    const { id } = await makeProduct(h, categoryId);
    mode = 'down';
    expect((await request(h.http).delete(`/v1/products/${id}`).set('authorization', `Bearer ${admin}`)).status).toBe(
      204,
    );
    expect(await docOf(id)).toMatchObject({
      deleted: true,
      outbox: [expect.objectContaining({ id: `product.deleted/${id}` })],
    });
    mode = 'up';
    relayLoop(h);
    await eventually(() => idsFor(id).includes(`product.deleted/${id}`));
    await eventually(async () => (await docOf(id)).outboxPending === false);
    expect(idsFor(id)).toEqual([`product.created/${id}`, `product.deleted/${id}`]);
  });

  test("When the process 'crashes' after the write (relay not running), then a new relay publishes the pending event", async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 5 });
    // A second process on the same database whose publish never happens: it "dies" right after the write.
    const crashed = await startHarness({
      mongodbUrl: h.url,
      publish: async () => {
        throw new Error('process died');
      },
    });
    expect((await setStock(crashed, id, 2)).status).toBe(200);
    await crashed.close();
    expect((await docOf(id)).outbox).toEqual([expect.objectContaining({ id: `inventory.changed/${id}/1` })]);

    const restarted = await startHarness({ mongodbUrl: h.url });
    try {
      relayLoop(restarted);
      await eventually(() => idsFor(id, restarted.events).length === 1);
      expect(restarted.events.find((e) => e.id.includes(id))).toMatchObject({
        topic: 'inventory.changed',
        id: `inventory.changed/${id}/1`,
        data: { productId: id, stock: 2, version: 1 },
      });
      await eventually(async () => (await docOf(id)).outboxPending === false);
      expect((await docOf(id)).outbox).toEqual([]);
    } finally {
      await Promise.all(loops.splice(0).map((l) => l.stop()));
      await restarted.close();
    }
  });

  test('When the publisher keeps failing now and then, then the events of one product arrive in order, each once, ending at the stock left', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 30 });
    mode = 'flaky';
    relayLoop(h);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        stockCall(h.grpcClient, 'ReserveStock', {
          order_id: randomUUID(),
          items: [{ product_id: id, quantity: 1 }],
        }),
      ),
    );
    expect(results.every((r) => r.status === 'reserved')).toBe(true);
    const changes = () => published.filter((e) => e.topic === 'inventory.changed' && e.id.includes(id));
    // Takes that queue for one product are written together (one stock version per batch).
    const versions = (await docOf(id)).stockVersion as number;
    await eventually(() => changes().length >= versions);
    expect(changes().map((e) => (e.data as { version: number }).version)).toEqual(
      Array.from({ length: versions }, (_, i) => i + 1),
    );
    const stocks = changes().map((e) => (e.data as { stock: number }).stock);
    expect(stocks).toEqual([...stocks].sort((a, b) => b - a));
    expect(new Set(stocks).size).toBe(stocks.length);
    expect(stocks.at(-1)).toBe(10);
    await eventually(async () => (await docOf(id)).outboxPending === false);
    expect((await docOf(id)).outbox).toEqual([]);
  });

  test('When the relay loop runs, then event claims done longer ago than 7 days are dropped and newer or open ones kept', async () => {
    const claims = h.store.db.collection<{ _id: string }>('processed_events');
    const days = (n: number) => new Date(Date.now() - n * 86_400_000);
    const [old, recent, open] = ['old', 'recent', 'open'].map((k) => `test.topic/${k}-${randomUUID()}`);
    await claims.insertMany([
      { _id: old!, status: 'done', claimedAt: days(8), processedAt: days(8) },
      { _id: recent!, status: 'done', claimedAt: days(1), processedAt: days(1) },
      { _id: open!, status: 'processing', claimedAt: days(8) },
    ] as never);

    const loop = startOutboxRelay(h.app.outbox, h.logger, 50, h.store.pruneClaims);
    loops.push(loop);
    await eventually(async () => (await claims.countDocuments({ _id: old! })) === 0);

    expect((await claims.find({ _id: { $in: [old!, recent!, open!] } }).toArray()).map((d) => d._id).sort()).toEqual(
      [recent!, open!].sort(),
    );
  });
});
