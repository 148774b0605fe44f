import {
  AppError,
  createStoreBreaker,
  type DaprClient,
  isStoreFault,
  type StoreBreaker,
  type StoreBreakerOptions,
} from '@shop/service-kit';
import { z } from 'zod';
import type { CartLine, CartStore } from '../domain/ports';

// What is stored is read back through a schema: a corrupt entry must not become a cart.
const storedSchema = z.object({
  items: z.array(z.object({ productId: z.string().min(1).max(128), quantity: z.number().int().min(1) })).max(100),
});

const CART_TTL_SECONDS = String(30 * 86_400);
const keyOf = (userId: string) => `cart-${userId}`;

// Dapr answers an ETag mismatch with gRPC ABORTED (10) ("possible etag mismatch").
const isEtagMismatch = (err: unknown) => {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  return e?.code === 10 || /etag/i.test(String(e?.message ?? ''));
};

/** The cart store's breaker: an ETag mismatch is a shopper's race, never the store's fault. */
export function createCartStoreBreaker(options: Omit<StoreBreakerOptions, 'name' | 'isFault'> = {}): StoreBreaker {
  return createStoreBreaker({
    ...options,
    name: 'cart store',
    isFault: (err) => !isEtagMismatch(err) && isStoreFault(err),
  });
}

// An open breaker's own 503 (with its Retry-After) passes through unchanged.
const unavailable = (cause: unknown) =>
  cause instanceof AppError ? cause : new AppError('UNAVAILABLE', 'The cart store is unavailable', { cause });

/**
 * Carts in the Dapr state store (component `components.cartState`). Saves use first-write
 * concurrency with the ETag read before the change, so two tabs never lose an update: the
 * second save fails with CONFLICT and the use case re-reads and re-applies. Every call goes
 * through the store's breaker, which counts the store's faults and never a CONFLICT; the
 * sidecar has no breaker on this component for that reason (dapr/resiliency.yaml).
 */
export function createDaprCartStore(
  client: DaprClient,
  storeName: string,
  breaker: StoreBreaker = createCartStoreBreaker(),
): CartStore {
  return {
    async load(userId) {
      let found;
      try {
        found = await breaker.execute(() => client.getState(storeName, keyOf(userId)));
      } catch (err) {
        throw unavailable(err);
      }
      const raw = found.data;
      if (raw === undefined || raw === null || raw === '') return { items: [], etag: found.etag };
      const parsed = storedSchema.safeParse(raw);
      return { items: parsed.success ? parsed.data.items : [], etag: found.etag };
    },
    async save(userId, items: readonly CartLine[], etag) {
      try {
        await breaker.execute(() =>
          client.saveState(storeName, [
            {
              key: keyOf(userId),
              value: { items },
              ...(etag === undefined ? {} : { etag }),
              // Abandoned carts expire in the store itself (the component's cleanup deletes them).
              metadata: { ttlInSeconds: CART_TTL_SECONDS },
              concurrency: 'first-write',
              consistency: 'strong',
            },
          ]),
        );
      } catch (err) {
        if (isEtagMismatch(err)) throw new AppError('CONFLICT', 'The cart changed meanwhile', { cause: err });
        throw unavailable(err);
      }
    },
    async clear(userId) {
      try {
        await breaker.execute(() => client.deleteState(storeName, keyOf(userId)));
      } catch (err) {
        throw unavailable(err);
      }
    },
  };
}
