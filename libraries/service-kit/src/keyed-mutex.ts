/**
 * In-process mutual exclusion per key (a product id, an order id, a shopper's cart). It loads
 * nothing, so domain code imports it as `@shop/service-kit/keyed-mutex`. FerretDB 1.x applies an
 * update as read, filter, write without a lock, so two concurrent conditional updates of one
 * document can both succeed; serialising every stock change of a product inside this process
 * is what makes the conditional update below it trustworthy; serialising one shopper's cart
 * writes keeps a burst of them from turning into a storm of ETag conflicts. Keys are taken in
 * sorted order, so two callers needing overlapping sets cannot deadlock.
 */
export interface KeyedMutex {
  run<T>(keys: readonly string[], work: () => Promise<T>): Promise<T>;
  /** Keys currently held or waited for (a gauge for operators, and tests). */
  size(): number;
}

export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<void>>();

  async function acquire(key: string): Promise<() => void> {
    const previous = tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    tails.set(key, tail);
    await previous;
    return () => {
      release();
      if (tails.get(key) === tail) tails.delete(key);
    };
  }

  return {
    async run(keys, work) {
      const releases: Array<() => void> = [];
      try {
        for (const key of [...new Set(keys)].sort()) releases.push(await acquire(key));
        return await work();
      } finally {
        for (const release of releases.reverse()) release();
      }
    },
    size: () => tails.size,
  };
}
