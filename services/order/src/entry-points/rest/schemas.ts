// What each REST entry accepts. Bodies are strict: an unknown or forbidden field (`status`,
// `total`, `userId`...) is a 400, never silently dropped.
import { z } from 'zod';
import { MAX_QUANTITY } from '../../domain/use-cases/cart';

export const productIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'must be a product id');
export const orderIdSchema = z.uuid();

export const cartItemBody = z.strictObject({
  // Above the cap is refused rather than silently capped: the client asked for something we will not sell.
  quantity: z.number().int().min(1).max(MAX_QUANTITY),
});

export const placeOrderBody = z.strictObject({
  shippingAddressId: z.string().min(1).max(128),
  paymentMethod: z.strictObject({ token: z.string().min(1).max(200) }),
});

// Visible ASCII, like Stripe's keys: a UUID fits, and so does a client's own scheme.
export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{8,200}$/, 'must be 8-200 visible ASCII characters');

export const shipBody = z.strictObject({
  carrier: z.string().trim().min(1).max(100),
  trackingNumber: z.string().trim().min(1).max(100),
});

export const emptyBody = z.strictObject({});

export const orderListQuery = z.strictObject({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
