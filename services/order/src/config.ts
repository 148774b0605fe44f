import { z } from 'zod';
import { components, httpEndpoints } from '@shop/topology';
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
    .default(httpEndpoints.paymentProvider),
  /** How long a payment needing confirmation (3-D Secure) may wait before the order is cancelled. */
  PAYMENT_CONFIRMATION_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  /** The simulated provider's answer time (a real provider takes 100-500 ms); tests widen race windows. */
  PAYMENT_SIMULATOR_LATENCY_MS: z.coerce.number().int().min(0).max(10_000).default(0),
  SECRET_STORE: z.string().min(1).default(components.secrets),
  /** The secret (in the Dapr secret store) holding the HMAC key of POST /v1/payments/webhook. */
  PAYMENT_WEBHOOK_SECRET_NAME: z.string().min(1).default('payment-webhook-secret'),
  /** A PENDING order whose checkout saga made no progress this long gets its saga restarted. */
  SAGA_STALL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(120),
  /** How often owed saga starts are swept (a crash between placing an order and starting it). */
  SAGA_RECOVERY_INTERVAL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  /** Work items the SDK's workflow worker runs at once (its own default is 10; see docs/performance.md). */
  WORKFLOW_MAX_CONCURRENT_WORK_ITEMS: z.coerce.number().int().min(1).max(1_000).default(64),
  /** Product's reservation TTL: a saga that dies still gives its stock back. */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(1_800),
});

export type Config = z.output<typeof schema>;
export const loadOrderConfig = (): Config => configOrExit(() => loadConfig(schema));
