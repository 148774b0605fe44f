import type * as grpc from '@grpc/grpc-js';
import { productContract, reservationResultOf, type InventoryUpdate } from '@shop/contracts';
import { validate, type GrpcServiceRegistration } from '@shop/service-kit';
import {
  commitStock,
  releaseStock,
  reserveStock,
  returnStock,
  type InventoryDeps,
} from '../../domain/use-cases/inventory';
import type { InventoryFeed, StockChange } from '../../domain/inventory-feed';
import type { ProductRepository } from '../../domain/ports';
import { getProductsRequest, orderRef, reserveStockRequest, watchInventoryRequest } from './schemas';

const updateOf = (c: StockChange): InventoryUpdate => ({
  product_id: c.productId,
  stock: c.stock,
  version: c.version,
  changed_at: c.changedAt.toISOString(),
});

export interface ProductServiceDeps {
  readonly products: ProductRepository;
  readonly inventory: InventoryDeps;
  readonly feed: InventoryFeed;
}

/** Waits until the caller hangs up (or the server's shutdown cancels the call). */
const untilCancelled = <Req, Res>(call: grpc.ServerWritableStream<Req, Res>) =>
  new Promise<void>((resolve) => (call.cancelled ? resolve() : call.once('cancelled', () => resolve())));

export function createProductGrpcService(deps: ProductServiceDeps): GrpcServiceRegistration {
  const { products, inventory, feed } = deps;
  return productContract.implement({
    async GetProducts(call) {
      const { ids } = validate(getProductsRequest, call.request, 'request');
      const found = new Map((await products.byIds(ids)).map((p) => [p.id, p]));
      return {
        products: ids.map((id) => {
          const p = found.get(id);
          if (!p) return { id, found: false };
          return {
            id,
            found: true,
            sku: p.sku,
            name: p.name,
            price: p.price,
            currency: p.currency,
            available: p.deleted ? 0 : p.stock,
            version: p.updatedAt.getTime(),
            deleted: p.deleted,
          };
        }),
      };
    },
    async ReserveStock(call) {
      const req = validate(reserveStockRequest, call.request, 'request');
      const items = req.items.map((i) => ({ productId: i.product_id, quantity: i.quantity }));
      return reservationResultOf(await reserveStock(inventory, req.order_id, items, req.ttl_seconds || undefined));
    },
    async ReleaseStock(call) {
      return reservationResultOf(await releaseStock(inventory, validate(orderRef, call.request, 'request').order_id));
    },
    async CommitStock(call) {
      return reservationResultOf(await commitStock(inventory, validate(orderRef, call.request, 'request').order_id));
    },
    async ReturnStock(call) {
      return reservationResultOf(await returnStock(inventory, validate(orderRef, call.request, 'request').order_id));
    },
    async WatchInventory(call) {
      const req = validate(watchInventoryRequest, call.request, 'request');
      const wanted = req.product_ids.length > 0 ? new Set(req.product_ids) : undefined;
      // Subscribe before reading the initial levels, so no change falls between the two.
      const unsubscribe = feed.subscribe((change) => {
        if (!wanted || wanted.has(change.productId)) call.write(updateOf(change));
      });
      try {
        if (req.send_initial && wanted) {
          for (const p of await products.byIds([...wanted])) {
            call.write({
              product_id: p.id,
              stock: p.deleted ? 0 : p.stock,
              version: p.stockVersion,
              changed_at: p.updatedAt.toISOString(),
            });
          }
        }
        await untilCancelled(call);
      } finally {
        unsubscribe();
      }
    },
  });
}
