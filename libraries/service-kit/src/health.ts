import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { problemType } from './problem';

export type HealthCheck = () => Promise<void>;

export interface HealthOptions {
  /** Named dependency checks for /readyz; each rejects when its dependency is down. */
  readonly checks?: Readonly<Record<string, HealthCheck>>;
  /** When set, /readyz also requires the sidecar's outbound health endpoint to answer 2xx. */
  readonly daprHttpPort?: number | undefined;
  readonly daprHost?: string;
  /** Per-check timeout; a probe must answer before the orchestrator's own timeout. */
  readonly timeoutMs?: number;
}

export interface Health {
  readonly router: Router;
  /** From now on /readyz answers 503 so traffic drains before the servers close. */
  markShuttingDown(): void;
  readiness(): Promise<ReadinessReport>;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Record<string, string>;
}

const optionsSchema = z.object({
  checks: z
    .record(
      z.string().regex(/^[a-z][a-zA-Z0-9_-]{0,40}$/),
      z.custom<HealthCheck>((value) => typeof value === 'function', 'must be a function'),
    )
    .default({}),
  daprHttpPort: z.number().int().min(1).max(65535).optional(),
  daprHost: z.string().min(1).default('127.0.0.1'),
  timeoutMs: z.number().int().min(50).max(60_000).default(2_000),
});

export const SIDECAR_CHECK = 'dapr-sidecar';

/** Resolves when the sidecar says it is ready for outbound calls (it answers 204). */
export async function checkSidecar(host: string, port: number, timeoutMs: number): Promise<void> {
  const res = await fetch(`http://${host}:${port}/v1.0/healthz/outbound`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (res.status < 200 || res.status >= 300) throw new Error(`sidecar answered ${res.status}`);
}

function shortReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}

async function withTimeout(check: HealthCheck, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs}ms`)), timeoutMs);
  });
  try {
    await Promise.race([check(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createHealthRouter(options: HealthOptions = {}): Health {
  const { checks, daprHttpPort, daprHost, timeoutMs } = optionsSchema.parse(options);
  const all: Record<string, HealthCheck> = { ...checks };
  if (daprHttpPort !== undefined) all[SIDECAR_CHECK] = () => checkSidecar(daprHost, daprHttpPort, timeoutMs);
  let shuttingDown = false;

  async function readiness(): Promise<ReadinessReport> {
    const names = Object.keys(all);
    const results = await Promise.allSettled(names.map((name) => withTimeout(all[name]!, timeoutMs)));
    const report: Record<string, string> = {};
    results.forEach((result, i) => {
      report[names[i]!] = result.status === 'fulfilled' ? 'up' : `down: ${shortReason(result.reason)}`;
    });
    return { ready: results.every((r) => r.status === 'fulfilled'), checks: report };
  }

  function notReady(res: Response, detail: string, checksReport: Record<string, string>): void {
    res
      .status(503)
      .type('application/problem+json')
      .json({
        type: problemType('UNAVAILABLE'),
        title: 'Not ready',
        status: 503,
        detail,
        code: 'UNAVAILABLE',
        checks: checksReport,
      });
  }

  const router = Router();
  router.get('/healthz', (_req: Request, res: Response) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req: Request, res: Response) => {
    if (shuttingDown) {
      notReady(res, 'The service is shutting down', {});
      return;
    }
    const report = await readiness();
    if (report.ready) {
      res.json({ status: 'ready', checks: report.checks });
      return;
    }
    const failing = Object.keys(report.checks).filter((name) => report.checks[name] !== 'up');
    notReady(res, `Not ready: ${failing.join(', ')}`, report.checks);
  });

  return {
    router,
    readiness,
    markShuttingDown() {
      shuttingDown = true;
    },
  };
}
