import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { baseConfigShape, configOrExit, loadConfig } from '@shop/service-kit';
import { ACTIONS, isActionName, type ActionName } from './domain/actions';

const { SERVICE_NAME, LOG_LEVEL, HOST, REST_PORT, OTEL_EXPORTER_OTLP_ENDPOINT, SHUTDOWN_TIMEOUT_MS } = baseConfigShape;

const json = <S extends z.ZodType>(schema: S) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const appTarget = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]{0,40}$/),
  appId: z.string().min(1),
  restUrl: z.url(),
  daprHttpUrl: z.url(),
  daprGrpcAddress: z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/),
  daprMetricsUrl: z.url(),
  ports: z.record(z.string(), z.number().int()).optional(),
});
const controlPlane = z.strictObject({
  name: z.enum(['placement', 'scheduler']),
  healthzUrl: z.url(),
  metricsUrl: z.url(),
  address: z.string(),
});

export const targetsSchema = z.strictObject({
  apps: z.array(appTarget).min(1),
  controlPlane: z.array(controlPlane).default([]),
  /** The apps whose sidecars host workflows (their instances are indexed). */
  workflowApps: z.array(z.string()).default(['order']),
});
export type Targets = z.output<typeof targetsSchema>;

export const consoleConfigSchema = z.object({
  SERVICE_NAME: SERVICE_NAME.default('console'),
  LOG_LEVEL,
  HOST,
  REST_PORT,
  OTEL_EXPORTER_OTLP_ENDPOINT,
  SHUTDOWN_TIMEOUT_MS,
  CONSOLE_TARGETS: json(targetsSchema),
  /**
   * Actions are off unless switched on: read-only by default. `on` allows every action, or a
   * comma-separated list allows only those (e.g. `approve-payment,decline-payment,raise-event`).
   */
  CONSOLE_ACTIONS: z
    .string()
    .default('off')
    .transform((value, ctx): ReadonlySet<ActionName> => {
      if (value === 'off') return new Set();
      if (value === 'on') return new Set(ACTIONS);
      const names = value.split(',').map((n) => n.trim());
      const unknown = names.filter((n) => !isActionName(n));
      if (unknown.length) {
        ctx.addIssue({ code: 'custom', message: `on, off or a list of: ${ACTIONS.join(', ')}` });
        return z.NEVER;
      }
      return new Set(names as ActionName[]);
    }),
  /** The action token: inline (a Kubernetes Secret as env) or a file the runner writes per run. */
  CONSOLE_TOKEN: z.string().min(24).optional(),
  CONSOLE_TOKEN_FILE: z.string().min(1).optional(),
  CONSOLE_AUDIT_FILE: z.string().min(1).default('/tmp/console-audit.log'),
  CONSOLE_LOG_DIR: z.string().min(1).optional(),
  CONSOLE_PIDS_FILE: z.string().min(1).optional(),
  /** Comma-separated files or directories of Dapr resources (components, configuration, resiliency). */
  CONSOLE_RESOURCES: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  /** In a pod: the namespace whose pods' logs and restarts the console reads through the API. */
  CONSOLE_KUBE_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9-]{1,63}$/)
    .optional(),
  ORDER_DATABASE_URL: z.string().min(1).optional(),
  PAYMENT_WEBHOOK_URL: z.url().optional(),
  PAYMENT_WEBHOOK_SECRET: z.string().min(8).optional(),
  /** A trace UI (Jaeger) to link orders and workflows to: `<url>/trace/<traceId>`. */
  TRACE_UI_URL: z.url().optional(),
  INDEX_REFRESH_MS: z.coerce.number().int().min(200).max(600_000).default(2_000),
  METRICS_INTERVAL_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
  /** Proxies in front (the Kubernetes Ingress) allowed to set X-Forwarded-*. */
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
});

export type ConsoleConfig = z.output<typeof consoleConfigSchema> & { readonly token: string | undefined };

export function loadConsoleConfig(env: Record<string, string | undefined> = process.env): ConsoleConfig {
  const config = loadConfig(consoleConfigSchema, env);
  const token =
    config.CONSOLE_TOKEN ??
    (config.CONSOLE_TOKEN_FILE ? readFileSync(config.CONSOLE_TOKEN_FILE, 'utf8').trim() : undefined);
  return { ...config, token: token && token.length >= 24 ? token : undefined };
}

export const loadConsoleConfigOrExit = (): ConsoleConfig => configOrExit(() => loadConsoleConfig());
