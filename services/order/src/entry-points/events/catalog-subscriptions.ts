import { defineSubscription, type Logger, type Subscription } from '@shop/service-kit';
import { z } from 'zod';
import type { ProductCache } from '../../domain/product-cache';

// Product's topics and payloads (services/product/src/domain/catalog-events.ts). Not strict: a
// peer may add fields without breaking us; what we use is typed and checked.
export const CATALOG_TOPICS = {
  priceChanged: 'product.price-changed',
  updated: 'product.updated',
  deleted: 'product.deleted',
} as const;

const money = { currency: z.string().regex(/^[A-Z]{3}$/) };
const priceChangedSchema = z.object({
  productId: z.string().min(1),
  newPrice: z.number().int().min(0),
  ...money,
  changedAt: z.iso.datetime(),
});
const updatedSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  price: z.number().int().min(0),
  ...money,
  updatedAt: z.iso.datetime(),
});
const deletedSchema = z.object({ productId: z.string().min(1) });

/**
 * The cart cache's side of product's catalog events; the version is the product's updatedAt.
 * Known limit (as for auth's revocations): Redis Streams consumer groups give each event to ONE
 * replica of order, so the others' caches catch up only by their TTL, unless these topics move
 * to a broadcast component (consumerID `{podName}`, and a per-pod dedupe).
 */
export function createCatalogSubscriptions(cache: ProductCache, pubsubName: string, logger: Logger): Subscription[] {
  return [
    defineSubscription({
      pubsubName,
      topic: CATALOG_TOPICS.priceChanged,
      schema: priceChangedSchema,
      async handler(e) {
        const version = Date.parse(e.changedAt);
        if (cache.applyPrice({ productId: e.productId, price: e.newPrice, currency: e.currency, version }))
          logger.debug('cart cache: price applied', { productId: e.productId });
      },
    }),
    defineSubscription({
      pubsubName,
      topic: CATALOG_TOPICS.updated,
      schema: updatedSchema,
      async handler(e) {
        cache.applyProduct({
          id: e.id,
          name: e.name,
          price: e.price,
          currency: e.currency,
          version: Date.parse(e.updatedAt),
        });
      },
    }),
    defineSubscription({
      pubsubName,
      topic: CATALOG_TOPICS.deleted,
      schema: deletedSchema,
      async handler(e) {
        cache.remove(e.productId);
      },
    }),
  ];
}
