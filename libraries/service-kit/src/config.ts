import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);

/** Variables every service reads; a service extends this shape with its own. */
export const baseConfigShape = {
  SERVICE_NAME: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'must be a lowercase id (letters, digits, dashes)'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).default('info'),
  HOST: z.string().min(1).default('127.0.0.1'),
  REST_PORT: port,
  GRPC_PORT: port.optional(),
  DAPR_HTTP_PORT: port,
  DAPR_GRPC_PORT: port,
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
};

export const baseConfigSchema = z.object(baseConfigShape);
export type BaseConfig = z.infer<typeof baseConfigSchema>;

export interface ConfigProblem {
  readonly name: string;
  readonly reason: string;
}

/** Thrown by loadConfig; `message` lists every problem so one start-up shows them all. */
export type ConfigError = Error & { readonly name: 'ConfigError'; readonly problems: ConfigProblem[] };

export function isConfigError(err: unknown): err is ConfigError {
  return err instanceof Error && err.name === 'ConfigError' && Array.isArray((err as ConfigError).problems);
}

function configError(problems: ConfigProblem[]): ConfigError {
  const lines = problems.map((p) => `  - ${p.name}: ${p.reason}`);
  const err = new Error(`Invalid configuration:\n${lines.join('\n')}`) as Error & {
    name: string;
    problems: ConfigProblem[];
  };
  err.name = 'ConfigError';
  err.problems = problems;
  return err as ConfigError;
}

/**
 * Parses the environment once at start-up. Empty strings count as unset, so `FOO=` in an
 * env file falls back to the default (or is reported missing) instead of becoming 0 or ''.
 * Reasons never include the offending value: it may be a secret.
 */
export function loadConfig<S extends z.ZodObject>(
  schema: S,
  env: Record<string, string | undefined> = process.env,
): z.output<S> {
  const present = Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
  const result = schema.safeParse(present);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const name = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    const missing = issue.path.length === 1 && present[name] === undefined;
    return { name, reason: missing ? 'is required but missing' : issue.message };
  });
  throw configError(problems);
}
