// In-memory stand-ins for what the order service reaches through Dapr: the cart state store
// (with its ETag contract) and product's per-order stock reservations.
import { randomUUID } from 'node:crypto';
import type { ReservationStatus } from '@shop/contracts/statuses';
import { AppError } from '@shop/service-kit';
import type { CartLine, CartStore } from '../src/domain/ports';
import type { ReservationOutcome, Stock } from '../src/domain/stock';

/** The cart state store's contract: ETags change on every save, a stale ETag is refused. */
export function inMemoryCarts(): CartStore & { saves: number } {
  const carts = new Map<string, { items: CartLine[]; etag: string }>();
  const store = {
    saves: 0,
    async load(userId: string) {
      const c = carts.get(userId);
      return { items: c ? [...c.items] : [], etag: c?.etag };
    },
    async save(userId: string, items: readonly CartLine[], etag: string | undefined) {
      await new Promise((r) => setImmediate(r)); // let concurrent saves interleave, as over the network
      const current = carts.get(userId);
      if (current?.etag !== etag) throw new AppError('CONFLICT', 'etag mismatch');
      store.saves += 1;
      carts.set(userId, { items: [...items], etag: randomUUID() });
    },
    async clear(userId: string) {
      carts.delete(userId);
    },
  };
  return store;
}

/** Product's inventory as the saga sees it: per-order reservations, each call idempotent. */
export function fakeStock(stock: Map<string, number>): Stock & { calls: string[] } {
  const reservations = new Map<string, { items: readonly CartLine[]; status: ReservationStatus }>();
  const result = (orderId: string, reserved: boolean, status: ReservationStatus): ReservationOutcome => ({
    orderId,
    status,
    reserved,
    expiresAt: new Date(Date.now() + 10 * 60_000),
    shortages: [],
  });
  return {
    calls: [],
    async reserve(orderId, items) {
      this.calls.push(`reserve:${orderId}`);
      const r = reservations.get(orderId);
      if (r) return result(orderId, r.status !== 'rejected', r.status);
      const short = items.some((i) => (stock.get(i.productId) ?? 0) < i.quantity);
      if (short) {
        reservations.set(orderId, { items, status: 'rejected' });
        return result(orderId, false, 'rejected');
      }
      for (const i of items) stock.set(i.productId, (stock.get(i.productId) ?? 0) - i.quantity);
      reservations.set(orderId, { items, status: 'reserved' });
      return result(orderId, true, 'reserved');
    },
    async release(orderId) {
      this.calls.push(`release:${orderId}`);
      const r = reservations.get(orderId);
      // As product answers: sold units are not released (FAILED_PRECONDITION), they are returned.
      if (r?.status === 'committed' || r?.status === 'returned')
        throw new AppError('PRECONDITION_FAILED', 'The reservation is committed');
      if (r?.status === 'reserved')
        for (const i of r.items) stock.set(i.productId, (stock.get(i.productId) ?? 0) + i.quantity);
      reservations.set(orderId, { items: r?.items ?? [], status: 'released' });
      return result(orderId, false, 'released');
    },
    async returnStock(orderId) {
      this.calls.push(`return:${orderId}`);
      const r = reservations.get(orderId);
      if (!r) throw new AppError('NOT_FOUND', 'No reservation');
      if (r.status === 'committed') {
        for (const i of r.items) stock.set(i.productId, (stock.get(i.productId) ?? 0) + i.quantity);
        r.status = 'returned';
      }
      return result(orderId, false, r.status);
    },
    async commit(orderId) {
      this.calls.push(`commit:${orderId}`);
      const r = reservations.get(orderId);
      if (r?.status !== 'reserved' && r?.status !== 'committed') return result(orderId, false, r?.status ?? 'released');
      r.status = 'committed';
      return result(orderId, true, 'committed');
    },
  };
}
