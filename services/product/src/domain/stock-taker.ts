import type { KeyedMutex } from '@shop/service-kit/keyed-mutex';
import type { EventsOf, ProductRepository, StockMove } from './ports';
import type { Product } from './product';

interface Waiting extends StockMove {
  resolve(after: Product | undefined): void;
  reject(err: unknown): void;
}

/**
 * Takes stock for reservations, batched per product: takes that queue for one product while
 * its lock is busy are decided together, by one conditional update of the document (first
 * come, first served, as many as the stock covers), instead of one FerretDB round trip each
 * behind the lock. "Never oversell" holds as before: the batch's write runs under the
 * product's lock (FerretDB updates are read-filter-write without a lock of their own) and
 * compares the stock version it read.
 */
export function createStockTaker(products: ProductRepository, mutex: KeyedMutex) {
  const queues = new Map<string, Waiting[]>();

  async function drain(productId: string, eventsOf: EventsOf): Promise<void> {
    await mutex.run([`product:${productId}`], async () => {
      // Everyone who queued while the lock was busy joins this batch; later takes start the next.
      const batch = queues.get(productId) ?? [];
      queues.delete(productId);
      try {
        const { granted, after } = await products.takeStockBatch(productId, batch, eventsOf);
        batch.forEach((w, i) => w.resolve(granted[i] ? after : undefined));
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
    });
  }

  return {
    /** The product after this order's take, or undefined when its stock did not cover it. */
    take(productId: string, move: StockMove, eventsOf: EventsOf): Promise<Product | undefined> {
      return new Promise((resolve, reject) => {
        const waiting = { ...move, resolve, reject };
        const queue = queues.get(productId);
        if (queue) {
          queue.push(waiting);
          return;
        }
        queues.set(productId, [waiting]);
        void drain(productId, eventsOf);
      });
    },
  };
}

export type StockTaker = ReturnType<typeof createStockTaker>;
