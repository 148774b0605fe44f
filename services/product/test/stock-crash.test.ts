// A process that dies between a stock move and the reservation's record of it: simulated by a
// reservation store that fails once at that point (what the process would have written next is
// lost either way), then the retry or the expiry sweep that a restarted process runs.
import { randomUUID } from 'node:crypto';
import { startHarness, type Harness } from './support/harness';
import { makeCategory, makeProduct } from './support/catalog-data';
import {
  commitStock,
  expireReservation,
  pruneSettledMarks,
  releaseStock,
  reserveStock,
  returnStock,
  type InventoryDeps,
} from '../src/domain/use-cases/inventory';
import type { ReservationRepository } from '../src/domain/ports';

jest.setTimeout(60_000);

type Step = keyof ReservationRepository;

describe('Stock moves across a crash, on FerretDB', () => {
  let h: Harness;
  let categoryId: string;
  beforeAll(async () => {
    h = await startHarness();
    categoryId = (await makeCategory(h)).id;
  });
  afterAll(() => h.close());

  const stockOf = async (id: string) => (await h.store.products.findOne({ _id: id }))!.stock;
  const marksOf = async (id: string) =>
    Object.fromEntries(
      ((await h.store.products.findOne({ _id: id }))!.stockMarks ?? []).map((e) => e.split(':').reverse()),
    );
  const statusOf = async (orderId: string) => (await h.store.reservations.findOne({ _id: orderId }))?.status;

  /** The inventory whose reservation store "dies" at `step`, once: the write does not happen. */
  function dyingAt(step: Step): InventoryDeps {
    const real = h.app.inventory.reservations;
    let died = false;
    const reservations = new Proxy(real, {
      get(target, name: Step) {
        if (name !== step || died) return target[name];
        return () => {
          died = true;
          return Promise.reject(new Error(`the process died before ${step}`));
        };
      },
    });
    return { ...h.app.inventory, reservations };
  }
  const line = (productId: string, quantity: number) => [{ productId, quantity }];

  test('When the process dies after a take and before the reservation records it, then the retry takes the units once', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 10 });
    const orderId = randomUUID();
    await expect(reserveStock(dyingAt('markTaken'), orderId, line(id, 3))).rejects.toThrow('died');
    expect(await stockOf(id)).toBe(7);
    expect(await marksOf(id)).toEqual({ [orderId]: 'taken' });

    const retried = await reserveStock(h.app.inventory, orderId, line(id, 3));

    expect(retried.status).toBe('reserved');
    expect(await stockOf(id)).toBe(7);
    expect((await h.store.reservations.findOne({ _id: orderId }))!.taken).toEqual(line(id, 3));
  });

  test('When the process dies after a take and the order never comes back, then the expiry sweep gives the units back', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 10 });
    const orderId = randomUUID();
    await expect(reserveStock(dyingAt('markTaken'), orderId, line(id, 4), 5)).rejects.toThrow('died');
    await h.store.reservations.updateOne({ _id: orderId }, { $set: { expiresAt: new Date(Date.now() - 1000) } });

    const outcome = await expireReservation(h.app.inventory, orderId);

    expect(outcome.status).toBe('released');
    expect(await stockOf(id)).toBe(10);
  });

  test('When the process dies between a release giving units back and its status, then the retry gives them back once', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 6 });
    const orderId = randomUUID();
    await reserveStock(h.app.inventory, orderId, line(id, 2));
    await expect(releaseStock(dyingAt('finishClosing'), orderId)).rejects.toThrow('died');
    expect(await stockOf(id)).toBe(6);
    expect((await h.store.reservations.findOne({ _id: orderId }))!.closing).toBe('released');
    await expect(commitStock(h.app.inventory, orderId)).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });

    const again = await releaseStock(h.app.inventory, orderId);

    expect(again.status).toBe('released');
    expect(await stockOf(id)).toBe(6);
    expect(await statusOf(orderId)).toBe('released');
  });

  test('When the process dies between a return giving units back and its status, then the sweep finishes it once', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 6 });
    const orderId = randomUUID();
    await reserveStock(h.app.inventory, orderId, line(id, 2));
    await commitStock(h.app.inventory, orderId);
    await expect(returnStock(dyingAt('finishClosing'), orderId)).rejects.toThrow('died');
    expect(await stockOf(id)).toBe(6);
    // Stalled: no one called again; the sweep picks closes older than its bound.
    await h.store.reservations.updateOne({ _id: orderId }, { $set: { updatedAt: new Date(Date.now() - 120_000) } });

    const found = await h.app.inventory.reservations.expired(new Date(), 100, new Date(Date.now() - 30_000));
    expect(found).toContain(orderId);
    const finished = await expireReservation(h.app.inventory, orderId);

    expect(finished.status).toBe('returned');
    expect(await stockOf(id)).toBe(6);
    expect(await statusOf(orderId)).toBe('returned');
  });

  test('When a one-line-short order dies before it is marked rejected, then its retry gives the first line back once', async () => {
    const { id: plenty } = await makeProduct(h, categoryId, { stock: 5 });
    const { id: scarce } = await makeProduct(h, categoryId, { stock: 1 });
    const orderId = randomUUID();
    const lines = [...line(plenty, 2), ...line(scarce, 3)];
    await expect(reserveStock(dyingAt('transition'), orderId, lines)).rejects.toThrow('died');
    expect(await stockOf(plenty)).toBe(5);

    const retried = await reserveStock(h.app.inventory, orderId, lines);
    await releaseStock(h.app.inventory, orderId);

    expect(retried.status).toBe('rejected');
    expect([await stockOf(plenty), await stockOf(scarce)]).toEqual([5, 1]);
  });

  test('When moves are recorded, then their marks leave the product with its next write, or by the sweep once it is idle', async () => {
    const { id } = await makeProduct(h, categoryId, { stock: 9 });
    const first = randomUUID();
    const second = randomUUID();
    await reserveStock(h.app.inventory, first, line(id, 1));
    await reserveStock(h.app.inventory, second, line(id, 1));
    // The second take's write dropped the first's settled mark; the second's waits.
    expect(await marksOf(id)).toEqual({ [second]: 'taken' });
    await releaseStock(h.app.inventory, first);
    await commitStock(h.app.inventory, second);
    expect(await marksOf(id)).toEqual({ [first]: 'back' });
    await pruneSettledMarks(h.app.inventory); // not idle a minute yet: left for the next write
    expect(await marksOf(id)).toEqual({ [first]: 'back' });

    await pruneSettledMarks(h.app.inventory, 0);

    expect(await marksOf(id)).toEqual({});
    expect(await stockOf(id)).toBe(8);
    expect(h.app.inventory.products.unsettledProducts(0)).not.toContain(id);
  });
});
