import { z } from 'zod';
import { baseConfigShape, configOrExit, loadConfig } from '@shop/service-kit';
import { parseOriginPatterns } from './entry-points/cors';

// The owning services' REST base URLs: 127.0.0.1 ports locally, Service DNS names in Kubernetes.
const upstreamUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 * 1024 };

/** "512kb", "1mb", "1024b" or a plain byte count, like the kit's and Express's bodyLimit. */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(text.trim());
  if (!match) return undefined;
  const bytes = Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1);
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

export const gatewayConfigSchema = z.object({
  ...baseConfigShape,
  AUTH_URL: upstreamUrl,
  USER_URL: upstreamUrl,
  PRODUCT_URL: upstreamUrl,
  ORDER_URL: upstreamUrl,
  // Browsers only; server-side clients ignore CORS. Deployments list their web origins.
  CORS_ORIGINS: z
    .string()
    .default('http://localhost:*,http://127.0.0.1:*')
    .transform((value, ctx) => {
      const parsed = parseOriginPatterns(value);
      if (typeof parsed === 'string') {
        ctx.addIssue({ code: 'custom', message: parsed });
        return z.NEVER;
      }
      return parsed;
    }),
  BODY_LIMIT: z
    .string()
    .default('1mb')
    .transform((value, ctx) => {
      const bytes = parseByteSize(value);
      if (bytes === undefined) {
        ctx.addIssue({ code: 'custom', message: 'must be a size such as 512kb or 1mb' });
        return z.NEVER;
      }
      return bytes;
    }),
  // Longest an upstream may stay silent (connecting, or between reads) before the client gets 504.
  PROXY_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(30_000),
  // Load shedding: requests open to one upstream at once (0: unlimited), and how late the
  // gateway's event loop may run (ms, 0: never shed on lag) before new requests get 503.
  UPSTREAM_MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(100_000).default(256),
  UPSTREAM_MAX_SOCKETS: z.coerce.number().int().min(1).max(100_000).default(128),
  SHED_EVENT_LOOP_LAG_MS: z.coerce.number().int().min(0).max(10_000).default(200),
  SHED_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(3_600).default(1),
  // Answers the services mark `Cache-Control: public, max-age` (the catalog) kept by the
  // gateway, as an Ingress cache would (0: no cache).
  RESPONSE_CACHE_ENTRIES: z.coerce.number().int().min(0).max(1_000_000).default(5_000),
  // How many proxies in front of the gateway (the Kubernetes Ingress) may set X-Forwarded-*.
  // 0 locally: a client's own X-Forwarded-For would otherwise pick the address services see.
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

export function loadGatewayConfig(env?: Record<string, string | undefined>): GatewayConfig {
  return loadConfig(gatewayConfigSchema, env);
}

export const loadGatewayConfigOrExit = (): GatewayConfig => configOrExit(() => loadGatewayConfig());
