import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { call, startHarness, stockCall, type Harness, type StreamFn } from './support/harness';
import { makeCategory, makeProduct } from './support/catalog-data';
import { startReservationExpiry } from '../src/entry-points/jobs/reservation-expiry';

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface Result {
  order_id: string;
  status: string;
  reserved: boolean;
  expires_at: string;
  shortages: { product_id: string; requested: number; available: number }[];
}

jest.setTimeout(60_000);

describe('Inventory on FerretDB', () => {
  let h: Harness;
  let categoryId: string;
  beforeAll(async () => {
    h = await startHarness({ lowStockThreshold: 3 });
    categoryId = (await makeCategory(h)).id;
  });
  afterAll(() => {
    if (process.env['DUMP_LOGS'])
      process.stdout.write(
        h.logs
          .filter((l) => l.includes('error'))
          .slice(0, 3)
          .join('\n'),
      );
    return h.close();
  });

  const stockOf = async (id: string) => (await h.store.products.findOne({ _id: id }))!.stock;
  const reserve = (orderId: string, items: { product_id: string; quantity: number }[], ttl = 0) =>
    stockCall(h.grpcClient, 'ReserveStock', { order_id: orderId, items, ttl_seconds: ttl });

  test('When 200 single-unit reservations race for a stock of 50, then exactly 50 succeed and stock ends at 0, never below', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 50 });
    let lowest = 50;
    const unwatch = h.app.feed.subscribe((c) => {
      if (c.productId === id) lowest = Math.min(lowest, c.stock);
    });
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 200 }, () => reserve(randomUUID(), [{ product_id: id, quantity: 1 }])),
    );
    const elapsedMs = Date.now() - started;
    unwatch();
    expect(results.filter((r) => r.status === 'reserved')).toHaveLength(50);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(150);
    expect(await stockOf(id)).toBe(0);
    expect(lowest).toBe(0);
    expect(await h.store.reservations.countDocuments({ 'items.productId': id, status: 'reserved' })).toBe(50);
    process.stdout.write(`oversell test: 200 reservations in ${elapsedMs} ms\n`);
  });

  test('When reservations of different sizes and two-product orders race for one hot product, then exactly what fits is sold and each holds what it took', async () => {
    const { id: hot } = await makeProduct(h, categoryId, { stock: 40 });
    const { id: other } = await makeProduct(h, categoryId, { stock: 1_000 });
    const asks = Array.from({ length: 60 }, (_, i) => ({
      orderId: randomUUID(),
      quantity: (i % 3) + 1,
      both: i % 4 === 0,
    }));
    const results = await Promise.all(
      asks.map((a) =>
        reserve(a.orderId, [
          { product_id: hot, quantity: a.quantity },
          ...(a.both ? [{ product_id: other, quantity: 1 }] : []),
        ]),
      ),
    );
    const granted = asks.filter((_, i) => results[i]!.status === 'reserved');
    const sold = granted.reduce((n, a) => n + a.quantity, 0);
    expect(sold).toBeLessThanOrEqual(40);
    expect(sold).toBeGreaterThan(40 - 3); // a batch grants until no asked size fits any more
    expect(await stockOf(hot)).toBe(40 - sold);
    // All or nothing per order: a rejected two-line order gave its other line back.
    expect(await stockOf(other)).toBe(1_000 - granted.filter((a) => a.both).length);
    for (const a of granted) {
      const r = await h.store.reservations.findOne({ _id: a.orderId as never });
      expect(r?.taken).toEqual(expect.arrayContaining([{ productId: hot, quantity: a.quantity }]));
    }
  });

  test('When a reservation failed midway (a store error), then its retry finishes it and takes each line once', async () => {
    const { id: first } = await makeProduct(h, categoryId, { stock: 10 });
    const { id: second } = await makeProduct(h, categoryId, { stock: 10 });
    const orderId = randomUUID();
    // What the failed attempt left: the first line's units taken and recorded, still pending.
    await h.store.products.updateOne({ _id: first }, { $inc: { stock: -2 } });
    const now = new Date();
    await h.store.reservations.insertOne({
      _id: orderId as never,
      items: [
        { productId: first, quantity: 2 },
        { productId: second, quantity: 3 },
      ],
      taken: [{ productId: first, quantity: 2 }],
      status: 'pending',
      expiresAt: new Date(now.getTime() + 600_000),
      createdAt: now,
      updatedAt: now,
    } as never);

    const retried = await reserve(
      orderId,
      [
        { product_id: first, quantity: 2 },
        { product_id: second, quantity: 3 },
      ],
      600,
    );

    expect(retried.status).toBe('reserved');
    expect([await stockOf(first), await stockOf(second)]).toEqual([8, 7]);
    expect((await h.store.reservations.findOne({ _id: orderId as never }))?.taken).toEqual([
      { productId: first, quantity: 2 },
      { productId: second, quantity: 3 },
    ]);
  });

  test('When price edits and reviews race reservations on one product, then no stock change is lost', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 100 });
    const admin = await h.adminToken();
    const users = await Promise.all(Array.from({ length: 10 }, () => h.userToken()));
    const results = await Promise.all([
      ...Array.from({ length: 60 }, () => reserve(randomUUID(), [{ product_id: id, quantity: 1 }])),
      ...Array.from({ length: 20 }, (_, i) =>
        request(h.http)
          .patch(`/v1/products/${id}`)
          .set('authorization', `Bearer ${admin}`)
          .send({ price: 1000 + i }),
      ),
      ...users.map((u) =>
        request(h.http).post(`/v1/products/${id}/reviews`).set('authorization', `Bearer ${u}`).send({ rating: 4 }),
      ),
    ]);
    expect(results.slice(0, 60).every((r) => (r as Result).status === 'reserved')).toBe(true);
    // FerretDB rewrites the whole document on update: without the product lock a price or
    // rating write could put back the stock it read before a reservation.
    expect(await h.store.products.findOne({ _id: id })).toMatchObject({ stock: 40, ratingCount: 10, ratingSum: 40 });
  });

  test('When the same order reserves twice, then one reservation holds the stock', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 10 });
    const orderId = randomUUID();
    const [a, b] = await Promise.all([
      reserve(orderId, [{ product_id: id, quantity: 4 }]),
      reserve(orderId, [{ product_id: id, quantity: 4 }]),
    ]);
    const c = await reserve(orderId, [{ product_id: id, quantity: 4 }]);
    expect([a.status, b.status, c.status]).toEqual(['reserved', 'reserved', 'reserved']);
    expect(await stockOf(id)).toBe(6);
    expect(await h.store.reservations.countDocuments({ _id: orderId })).toBe(1);
  });

  test('When one line of an order is short, then nothing is reserved and the shortage is reported', async () => {
    const plenty = await makeProduct(h, categoryId, { stock: 10 });
    const scarce = await makeProduct(h, categoryId, { stock: 1 });
    const r = await reserve(randomUUID(), [
      { product_id: plenty.id, quantity: 2 },
      { product_id: scarce.id, quantity: 2 },
    ]);
    expect(r).toMatchObject({
      status: 'rejected',
      reserved: false,
      shortages: [{ product_id: scarce.id, requested: 2, available: 1 }],
    });
    expect(await stockOf(plenty.id)).toBe(10);
    expect(await stockOf(scarce.id)).toBe(1);
  });

  test('When a reservation is released twice, then the units come back once', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 5 });
    const orderId = randomUUID();
    await reserve(orderId, [{ product_id: id, quantity: 3 }]);
    const [a, b] = await Promise.all([
      stockCall(h.grpcClient, 'ReleaseStock', { order_id: orderId }),
      stockCall(h.grpcClient, 'ReleaseStock', { order_id: orderId }),
    ]);
    expect([a.status, b.status]).toEqual(['released', 'released']);
    expect(await stockOf(id)).toBe(5);
    expect((await stockCall(h.grpcClient, 'CommitStock', { order_id: orderId }).catch((e) => e)).code).toBe(9); // FAILED_PRECONDITION
  });

  test('When a reservation is committed twice, then it stays sold and cannot be released', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 5 });
    const orderId = randomUUID();
    await reserve(orderId, [{ product_id: id, quantity: 2 }]);
    const [a, b] = await Promise.all([
      stockCall(h.grpcClient, 'CommitStock', { order_id: orderId }),
      stockCall(h.grpcClient, 'CommitStock', { order_id: orderId }),
    ]);
    expect([a.status, b.status]).toEqual(['committed', 'committed']);
    expect(await stockOf(id)).toBe(3);
    await expect(call(h.grpcClient, 'ReleaseStock', { order_id: orderId })).rejects.toMatchObject({ code: 9 });
    expect(await stockOf(id)).toBe(3);
  });

  test('When an unknown order is released and then reserved, then the late reservation holds nothing', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 5 });
    const orderId = randomUUID();
    expect((await stockCall(h.grpcClient, 'ReleaseStock', { order_id: orderId })).status).toBe('released');
    expect((await reserve(orderId, [{ product_id: id, quantity: 1 }])).status).toBe('released');
    expect(await stockOf(id)).toBe(5);
  });

  // ReturnStock: a CONFIRMED order cancelled before shipping gives its sold units back.
  const returnStock = (orderId: string) => stockCall(h.grpcClient, 'ReturnStock', { order_id: orderId });
  const sold = async (stock: number, quantity: number) => {
    const { id } = await makeProduct(h, categoryId, { stock });
    const orderId = randomUUID();
    await reserve(orderId, [{ product_id: id, quantity }]);
    await stockCall(h.grpcClient, 'CommitStock', { order_id: orderId });
    return { id, orderId };
  };

  test('When a committed order is returned, then its units are back in stock and the reservation is returned', async () => {
    const { id, orderId } = await sold(5, 2);
    expect(await stockOf(id)).toBe(3);
    expect(await returnStock(orderId)).toMatchObject({ order_id: orderId, status: 'returned', reserved: false });
    expect(await stockOf(id)).toBe(5);
    expect((await h.store.reservations.findOne({ _id: orderId }))!.status).toBe('returned');
  });

  test('When a return is called again, then it answers returned without adding stock twice', async () => {
    const { id, orderId } = await sold(5, 2);
    await returnStock(orderId);
    expect((await returnStock(orderId)).status).toBe('returned');
    expect(await stockOf(id)).toBe(5);
    // After a return: release answers the same, commit is refused, nothing moves.
    expect((await stockCall(h.grpcClient, 'ReleaseStock', { order_id: orderId })).status).toBe('returned');
    await expect(call(h.grpcClient, 'CommitStock', { order_id: orderId })).rejects.toMatchObject({ code: 9 });
    expect(await stockOf(id)).toBe(5);
  });

  test('When 10 returns of one order race, then the units come back exactly once', async () => {
    const { id, orderId } = await sold(10, 4);
    const results = await Promise.all(Array.from({ length: 10 }, () => returnStock(orderId)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill('returned'));
    expect(await stockOf(id)).toBe(10);
  });

  test('When a reservation not yet committed is returned, then it is released', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 5 });
    const orderId = randomUUID();
    await reserve(orderId, [{ product_id: id, quantity: 3 }]);
    expect(await returnStock(orderId)).toMatchObject({ status: 'released', reserved: false });
    expect(await stockOf(id)).toBe(5);
    expect((await returnStock(orderId)).status).toBe('released');
    expect(await stockOf(id)).toBe(5);
  });

  test('When an unknown order is returned, then it is NOT_FOUND and no tombstone is left', async () => {
    const orderId = randomUUID();
    await expect(returnStock(orderId)).rejects.toMatchObject({ code: 5 });
    expect(await h.store.reservations.countDocuments({ _id: orderId })).toBe(0);
    await expect(returnStock('bad id!')).rejects.toMatchObject({ code: 3 });
  });

  test('When a committed order is returned, then inventory.changed is recorded and watchers see the level', async () => {
    const { id, orderId } = await sold(5, 2);
    const seen: number[] = [];
    const unwatch = h.app.feed.subscribe((c) => {
      if (c.productId === id) seen.push(c.stock);
    });
    await returnStock(orderId);
    await returnStock(orderId);
    unwatch();
    expect(seen).toEqual([5]);
    const changed = h.events.filter(
      (e) => e.topic === 'inventory.changed' && (e.data as { productId?: string }).productId === id,
    );
    expect(changed.map((e) => (e.data as { stock: number }).stock)).toEqual([3, 5]);
    expect((await h.store.products.findOne({ _id: id }))!.outbox ?? []).toEqual([]); // published, not left waiting
  });

  test('When a hold outlives its expiry, then the sweep gives the units back and commit is refused', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 5 });
    const orderId = randomUUID();
    await reserve(orderId, [{ product_id: id, quantity: 2 }], 1);
    expect(await stockOf(id)).toBe(3);
    const sweep = startReservationExpiry(h.app.inventory, h.logger, 100);
    try {
      await eventually(async () => (await stockOf(id)) === 5, 10_000);
    } finally {
      await sweep.stop();
    }
    expect(h.logs.some((l) => l.includes('reservation expired and released') && l.includes(orderId))).toBe(true);
    expect((await h.store.reservations.findOne({ _id: orderId }))!.status).toBe('released');
    await expect(call(h.grpcClient, 'CommitStock', { order_id: orderId })).rejects.toMatchObject({ code: 9 });
  });

  test('When stock drops to the low threshold, then inventory.changed carries the level and inventory.low is raised once', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 5 });
    await reserve(randomUUID(), [{ product_id: id, quantity: 2 }]); // 3: at the threshold
    await reserve(randomUUID(), [{ product_id: id, quantity: 1 }]); // 2: still low, no second alert
    const mine = h.events.filter((e) => (e.data as { productId?: string }).productId === id);
    expect(mine.filter((e) => e.topic === 'inventory.changed').map((e) => (e.data as { stock: number }).stock)).toEqual(
      [3, 2],
    );
    expect(mine.filter((e) => e.topic === 'inventory.low')).toHaveLength(1);
    expect(new Set(mine.map((e) => e.id)).size).toBe(mine.length);
  });

  test('When an admin sets the stock, then a watcher of that product receives the new level', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 5 });
    const stream = (h.grpcClient as unknown as Record<string, StreamFn>)['WatchInventory']!.call(h.grpcClient, {
      product_ids: [id],
      send_initial: true,
    });
    const received: { stock: number }[] = [];
    const got = new Promise<void>((resolve) =>
      stream.on('data', (u: { stock: number }) => {
        received.push(u);
        if (received.length === 2) resolve();
      }),
    );
    stream.on('error', () => undefined);
    await new Promise((r) => setTimeout(r, 200));
    const res = await request(h.http)
      .put(`/v1/products/${id}/inventory`)
      .set('authorization', `Bearer ${await h.adminToken()}`)
      .send({ stock: 42 });
    expect(res.status).toBe(200);
    await got;
    stream.cancel();
    expect(received.map((u) => u.stock)).toEqual([5, 42]);
  });

  test('When a reservation request is malformed, then it is refused as INVALID_ARGUMENT and nothing changes', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 5 });
    await expect(reserve('bad id!', [{ product_id: id, quantity: 1 }])).rejects.toMatchObject({ code: 3 });
    await expect(reserve(randomUUID(), [{ product_id: id, quantity: 0 }])).rejects.toMatchObject({ code: 3 });
    await expect(reserve(randomUUID(), [])).rejects.toMatchObject({ code: 3 });
    expect(await stockOf(id)).toBe(5);
  });

  test('When order asks for products, then it gets price and availability, deleted ones marked and unknown ones not found', async () => {
    const live = await makeProduct(h, categoryId, { stock: 4, price: 1234 });
    const gone = await makeProduct(h, categoryId, { stock: 9 });
    await request(h.http)
      .delete(`/v1/products/${gone.id}`)
      .set('authorization', `Bearer ${await h.adminToken()}`);
    const unknown = randomUUID();
    const res = await call<{
      products: { id: string; found: boolean; price: string; available: number; deleted: boolean }[];
    }>(h.grpcClient, 'GetProducts', { ids: [live.id, gone.id, unknown] });
    expect(res.products.map((p) => [p.id, p.found, p.available, p.deleted])).toEqual([
      [live.id, true, 4, false],
      [gone.id, true, 0, true],
      [unknown, false, 0, false],
    ]);
    expect(res.products[0]!.price).toBe('1234'); // int64 arrives as a string
    await expect(call(h.grpcClient, 'GetProducts', { ids: ['not an id'] })).rejects.toMatchObject({ code: 3 });
  });
});
