import { components } from '@shop/topology';
import { z } from 'zod';
import { baseConfigShape, configOrExit, loadConfig } from '@shop/service-kit';

const seconds = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);
const count = (fallback: number) => z.coerce.number().int().min(1).max(1_000_000).default(fallback);

export const configSchema = z.object({
  ...baseConfigShape,
  GRPC_PORT: baseConfigShape.REST_PORT,
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL'),
  // Profiles share one Redis server; the prefix keeps dev, test and test2 sessions apart.
  SHOP_PROFILE: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/)
    .default('dev'),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/)
    .optional(),
  USER_APP_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,63}$/)
    .default('user'),
  PUBSUB_NAME: z.string().min(1).default(components.pubsub),
  SECRET_STORE: z.string().min(1).default(components.secrets),
  SIGNING_KEYS_SECRET: z.string().min(1).default('auth-signing-keys'),
  REFRESH_TTL_SECONDS: seconds(14 * 86_400, 90 * 86_400),
  // Brute-force protection: failed logins per (account, IP) and per IP in a fixed window.
  LOGIN_WINDOW_SECONDS: seconds(15 * 60, 86_400),
  LOGIN_MAX_FAILURES_PER_ACCOUNT_IP: count(5),
  LOGIN_MAX_FAILURES_PER_IP: count(50),
  // Sign-ins from one address beyond the per-IP limit that are still open wait this long for
  // earlier ones to finish (many shoppers behind one NAT), then get 429.
  LOGIN_QUEUE_MS: z.coerce.number().int().min(0).max(30_000).default(10_000),
  // Express "trust proxy": the gateway (loopback locally) sets X-Forwarded-For to the client.
  TRUST_PROXY: z.string().min(1).default('loopback'),
});

export type Config = z.output<typeof configSchema>;
export const loadAuthConfig = (): Config => configOrExit(() => loadConfig(configSchema));
export const keyPrefixOf = (config: Config): string => config.REDIS_KEY_PREFIX ?? `auth:${config.SHOP_PROFILE}:`;
