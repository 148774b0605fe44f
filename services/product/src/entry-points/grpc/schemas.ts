import type {
  GetProductsRequest__Output,
  OrderRef__Output,
  ReserveStockRequest__Output,
  WatchInventoryRequest__Output,
} from '@shop/contracts';
import { z } from 'zod';

// gRPC requests as proto-loader hands them over (defaults filled, snake_case), typed against
// the generated messages: a field the proto gains, loses or retypes fails tsc here.
const id = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'must be an id');
const orderId = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'must be an order id');

export const getProductsRequest = z
  .object({ ids: z.array(id).min(1).max(200) })
  .strict() satisfies z.ZodType<GetProductsRequest__Output>;

export const reserveStockRequest = z
  .object({
    order_id: orderId,
    items: z
      .array(z.object({ product_id: id, quantity: z.number().int().min(1).max(1_000) }).strict())
      .min(1)
      .max(100),
    ttl_seconds: z.number().int().min(0).max(86_400),
  })
  .strict() satisfies z.ZodType<ReserveStockRequest__Output>;

export const orderRef = z.object({ order_id: orderId }).strict() satisfies z.ZodType<OrderRef__Output>;

export const watchInventoryRequest = z
  .object({ product_ids: z.array(id).max(1_000), send_initial: z.boolean() })
  .strict() satisfies z.ZodType<WatchInventoryRequest__Output>;
