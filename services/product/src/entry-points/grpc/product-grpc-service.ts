import type * as grpc from '@grpc/grpc-js';
import { loadProto, serviceClient, validate, type GrpcServiceRegistration } from '@shop/service-kit';
import {
  commitStock,
  releaseStock,
  reserveStock,
  returnStock,
  type InventoryDeps,
  type ReservationOutcome,
} from '../../domain/use-cases/inventory';
import type { InventoryFeed, StockChange } from '../../domain/inventory-feed';
import type { ProductRepository } from '../../domain/ports';
import { getProductsRequest, orderRef, reserveStockRequest, watchInventoryRequest } from './schemas';

export const PRODUCT_PROTO = 'product/v1/product.proto';
export const PRODUCT_SERVICE = 'product.v1.ProductService';
export const productClientConstructor = () => serviceClient(loadProto(PRODUCT_PROTO), PRODUCT_SERVICE);

const resultOf = (o: ReservationOutcome) => ({
  order_id: o.orderId,
  status: o.status,
  reserved: o.status === 'reserved' || o.status === 'committed',
  expires_at: o.expiresAt.toISOString(),
  shortages: o.shortages.map((s) => ({ product_id: s.productId, requested: s.requested, available: s.available })),
});

const updateOf = (c: StockChange) => ({
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
const untilCancelled = (call: grpc.ServerWritableStream<unknown, unknown>) =>
  new Promise<void>((resolve) => (call.cancelled ? resolve() : call.once('cancelled', () => resolve())));

export function createProductGrpcService(deps: ProductServiceDeps): GrpcServiceRegistration {
  const { products, inventory, feed } = deps;
  return {
    definition: productClientConstructor().service,
    implementation: {
      async GetProducts(call: grpc.ServerUnaryCall<unknown, unknown>) {
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
      async ReserveStock(call: grpc.ServerUnaryCall<unknown, unknown>) {
        const req = validate(reserveStockRequest, call.request, 'request');
        const items = req.items.map((i) => ({ productId: i.product_id, quantity: i.quantity }));
        return resultOf(await reserveStock(inventory, req.order_id, items, req.ttl_seconds || undefined));
      },
      async ReleaseStock(call: grpc.ServerUnaryCall<unknown, unknown>) {
        return resultOf(await releaseStock(inventory, validate(orderRef, call.request, 'request').order_id));
      },
      async CommitStock(call: grpc.ServerUnaryCall<unknown, unknown>) {
        return resultOf(await commitStock(inventory, validate(orderRef, call.request, 'request').order_id));
      },
      async ReturnStock(call: grpc.ServerUnaryCall<unknown, unknown>) {
        return resultOf(await returnStock(inventory, validate(orderRef, call.request, 'request').order_id));
      },
      async WatchInventory(call: grpc.ServerWritableStream<unknown, unknown>) {
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
    },
  };
}
