import {
  productContract,
  reservationOutcomeOf,
  reservationStatus,
  type CheckedReservationResult,
  type CoercedFields,
  type ProductServiceClient,
  type ProductSummary__Output,
} from '@shop/contracts';
import {
  AppError,
  isAppError,
  callUnary,
  createServiceClient,
  validate,
  type RequestOf,
  type ResponseOf,
  type Stoppable,
  type UnaryMethodName,
} from '@shop/service-kit';
import { retry } from '@shop/service-kit/retry';
import { z } from 'zod';
import type { Catalog, ProductInfo } from '../domain/ports';
import type { Stock } from '../domain/stock';

// A peer's answer is an entry too: validated before it becomes a price. Typed against the
// generated messages (the fields read), so a proto change the schemas miss fails tsc.
const summarySchema = z.object({
  id: z.string(),
  found: z.boolean(),
  name: z.string(),
  price: z.coerce.number().int().min(0),
  currency: z.string(),
  available: z.number().int(),
  deleted: z.boolean(),
}) satisfies z.ZodType<
  Pick<ProductSummary__Output, 'id' | 'found' | 'name' | 'currency' | 'available' | 'deleted'> &
    CoercedFields<ProductSummary__Output, 'price', number>
>;
const productsSchema = z.object({ products: z.array(summarySchema) });
const reservationSchema = z.object({
  order_id: z.string(),
  status: z.enum(reservationStatus.wire),
  reserved: z.boolean(),
  expires_at: z.iso.datetime(),
  shortages: z.array(z.object({ product_id: z.string(), requested: z.number(), available: z.number() })).default([]),
}) satisfies z.ZodType<CheckedReservationResult>;

const badAnswer = (what: string, cause: unknown) =>
  new AppError('UNAVAILABLE', `The product service gave an invalid ${what} answer`, { cause });

async function call<M extends UnaryMethodName<ProductServiceClient>, S extends z.ZodType>(
  client: ProductServiceClient,
  method: M,
  request: RequestOf<ProductServiceClient, M>,
  schema: S,
): Promise<z.output<S>> {
  let response: ResponseOf<ProductServiceClient, M>;
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
  const client = createServiceClient(productContract.client(), options);
  const outcome = reservationOutcomeOf;
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
