import { z } from 'zod';
import { baseConfigShape, configOrExit, loadConfig } from '@shop/service-kit';

const schema = z.object({
  ...baseConfigShape,
  GRPC_PORT: baseConfigShape.REST_PORT,
  MONGODB_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL'),
  PUBSUB_NAME: z.string().min(1).default('pubsub'),
  /** A stock level at or below this raises inventory.low (once, when it is crossed). */
  LOW_STOCK_THRESHOLD: z.coerce.number().int().min(0).default(5),
  /** How long a ReserveStock hold lasts unless the caller asks otherwise. */
  RESERVATION_TTL_SECONDS: z.coerce.number().int().min(5).max(86_400).default(900),
  /** Listing pages served from memory for this long; writes through this replica clear it. */
  LISTING_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(2_000),
  /**
   * Product pages and listings come from an in-memory read model per replica, fully reloaded
   * this often: the bound on how long a change made elsewhere can stay unseen when its event
   * is missed (this replica's own writes show at once). 0 turns the read model off.
   */
  READ_MODEL_REFRESH_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  RESERVATION_SWEEP_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
});

export type Config = z.output<typeof schema>;
export const loadProductConfig = (): Config => configOrExit(() => loadConfig(schema));
