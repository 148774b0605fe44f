import type * as grpc from '@grpc/grpc-js';
import {
  AppError,
  isAppError,
  callUnary,
  createServiceClient,
  loadProto,
  serviceClient,
  validate,
  type Stoppable,
} from '@shop/service-kit';
import { retry } from '@shop/service-kit/retry';
import { z } from 'zod';
import type { Catalog, ProductInfo } from '../domain/ports';
import type { ReservationOutcome, Stock } from '../domain/stock';

const PRODUCT_PROTO = 'product/v1/product.proto';
const PRODUCT_SERVICE = 'product.v1.ProductService';

// A peer's answer is an entry too: validated before it becomes a price.
const summarySchema = z.object({
  id: z.string(),
  found: z.boolean(),
  name: z.string(),
  price: z.coerce.number().int().min(0),
  currency: z.string(),
  available: z.number().int(),
  deleted: z.boolean(),
});
const productsSchema = z.object({ products: z.array(summarySchema) });
const reservationSchema = z.object({
  status: z.string(),
  reserved: z.boolean(),
  shortages: z.array(z.object({ product_id: z.string(), requested: z.number(), available: z.number() })).default([]),
});

const badAnswer = (what: string, cause: unknown) =>
  new AppError('UNAVAILABLE', `The product service gave an invalid ${what} answer`, { cause });

async function call<S extends z.ZodType>(
  client: grpc.Client,
  method: string,
  request: object,
  schema: S,
): Promise<z.output<S>> {
  let response: unknown;
  try {
    response = await callUnary(client, method, request, { deadlineMs: 5_000 });
  } catch (err) {
    // A peer's internal failure is, for our client, an unavailable dependency (503, not 500).
    if (isAppError(err) && err.code === 'INTERNAL')
      throw new AppError('UNAVAILABLE', 'The product service failed', { cause: err });
    throw err;
  }
  try {
    return validate(schema, response, `${method} response`);
  } catch (err) {
    throw badAnswer(method, err);
  }
}

// A read is safe to repeat: a burst of first calls through a fresh proxy channel was seen to
// answer UNAVAILABLE (e2e load test), so a catalog read retries twice, briefly.
function readWithRetry<T>(read: () => Promise<T>): Promise<T> {
  return retry(read, {
    backoff: [100, 400],
    retryIf: (err) => isAppError(err) && err.code === 'UNAVAILABLE',
  });
}

/** The product service through the local sidecar (Dapr gRPC proxying, app id `product`). */
export function createProductClient(options: {
  appId: string;
  daprGrpcPort: number;
  host?: string;
}): Catalog & Stock & Stoppable {
  const client = createServiceClient(serviceClient(loadProto(PRODUCT_PROTO), PRODUCT_SERVICE), options);
  const outcome = (r: z.output<typeof reservationSchema>): ReservationOutcome => ({
    reserved: r.reserved,
    status: r.status,
    shortages: r.shortages.map((s) => ({ productId: s.product_id, requested: s.requested, available: s.available })),
  });
  return {
    name: 'product-client',
    async getProducts(ids) {
      const { products } = await readWithRetry(() =>
        call(client, 'GetProducts', { ids: [...new Set(ids)] }, productsSchema),
      );
      const byId = new Map<string, ProductInfo>();
      for (const p of products) byId.set(p.id, { ...p, found: p.found && !p.deleted });
      return byId;
    },
    reserve: async (orderId, items, ttlSeconds) =>
      outcome(
        await call(
          client,
          'ReserveStock',
          {
            order_id: orderId,
            items: items.map((i) => ({ product_id: i.productId, quantity: i.quantity })),
            ttl_seconds: ttlSeconds,
          },
          reservationSchema,
        ),
      ),
    release: async (orderId) => outcome(await call(client, 'ReleaseStock', { order_id: orderId }, reservationSchema)),
    commit: async (orderId) => outcome(await call(client, 'CommitStock', { order_id: orderId }, reservationSchema)),
    returnStock: async (orderId) =>
      outcome(await call(client, 'ReturnStock', { order_id: orderId }, reservationSchema)),
    async stop() {
      client.close();
    },
  };
}
