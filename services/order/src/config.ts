import { z } from 'zod';
import { components } from '@shop/topology';
import { baseConfigShape, configOrExit, loadConfig } from '@shop/service-kit';

const schema = z.object({
  ...baseConfigShape,
  GRPC_PORT: baseConfigShape.REST_PORT,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL'),
  PRODUCT_APP_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,63}$/)
    .default('product'),
  USER_APP_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,63}$/)
    .default('user'),
  CART_STORE: z.string().min(1).default(components.cartState),
  PUBSUB_NAME: z.string().min(1).default(components.pubsub),
  /** `simulated` (the default, no money moves) or `http` (the real provider through a Dapr HTTPEndpoint). */
  PAYMENT_PROVIDER: z.enum(['simulated', 'http']).default('simulated'),
  PAYMENT_HTTP_ENDPOINT: z
    .string()
    .regex(/^[a-z0-9-]{1,63}$/)
    .default('payment-provider'),
  /** How long a payment needing confirmation (3-D Secure) may wait before the order is cancelled. */
  PAYMENT_CONFIRMATION_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /**
   * HMAC key of POST /v1/payments/webhook. The default is for development and tests only
   * (like the first-admin dev secrets); any real deployment sets its own.
   */
  PAYMENT_WEBHOOK_SECRET: z.string().min(16).default('dev-only-payment-webhook-secret'),
  /** Product's reservation TTL: a saga that dies still gives its stock back. */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1_800),
});

export type Config = z.output<typeof schema>;
export const loadOrderConfig = (): Config => configOrExit(() => loadConfig(schema));
