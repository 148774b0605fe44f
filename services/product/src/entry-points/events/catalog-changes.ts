import { z } from 'zod';
import { defineSubscription, type Subscription } from '@shop/service-kit';
import type { CatalogReadModel } from '../../data-access/catalog-cache';

/**
 * Other replicas' catalog writes reach this replica's read model as their events: each one
 * re-reads the product (a push-down `_id` lookup) unless the model holds that version or a
 * newer one already (this replica's own writes, duplicates). A missed event is caught by the
 * model's periodic full reload. On Kubernetes with several replicas the subscription must be
 * broadcast (a consumer id per pod, see docs/architecture.md); with one group per app id an
 * event reaches one replica and the others see it at the next reload. Every handler converges
 * on the product's version, so deliveries are not claimed (no dedupe write per event).
 */
export function catalogChangeSubscriptions(pubsubName: string, model: CatalogReadModel): Subscription[] {
  const byUpdatedAt = z.object({ id: z.string().min(1), updatedAt: z.iso.datetime({ offset: true }) }).loose();
  const byProductId = z.object({ productId: z.string().min(1) }).loose();
  const byVersion = z.object({ productId: z.string().min(1), version: z.number().int().min(0) }).loose();
  return [
    defineSubscription({
      pubsubName,
      topic: 'product.created',
      schema: byUpdatedAt,
      idempotent: true,
      handler: (d) => model.refreshIfBehind(d.id, { updatedAt: new Date(d.updatedAt) }),
    }),
    defineSubscription({
      pubsubName,
      topic: 'product.updated',
      schema: byUpdatedAt,
      idempotent: true,
      handler: (d) => model.refreshIfBehind(d.id, { updatedAt: new Date(d.updatedAt) }),
    }),
    defineSubscription({
      pubsubName,
      topic: 'product.deleted',
      schema: byProductId,
      idempotent: true,
      handler: (d) => model.reload(d.productId),
    }),
    defineSubscription({
      pubsubName,
      topic: 'inventory.changed',
      schema: byVersion,
      idempotent: true,
      handler: (d) => model.refreshIfBehind(d.productId, { stockVersion: d.version }),
    }),
  ];
}
