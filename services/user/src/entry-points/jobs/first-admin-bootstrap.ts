import { isAppError, type HealthCheck, type Logger, type Stoppable } from '@shop/service-kit';
import type { UserDeps } from '../../domain/ports';
import { ensureFirstAdmin } from '../../domain/use-cases/first-admin';

export interface FirstAdminBootstrap extends Stoppable {
  /** Resolves once the bootstrap ran (or gave up on invalid secrets); a /readyz check. */
  readonly check: HealthCheck;
  /** Settles after the current attempt; tests await it. */
  settled(): Promise<void>;
}

export interface FirstAdminBootstrapOptions {
  readonly deps: UserDeps;
  readonly readSecrets: () => Promise<{ email: string; password: string }>;
  readonly logger: Logger;
  readonly maxRetryDelayMs?: number;
}

/**
 * Creates the first admin from the secret store at start-up, in the background: the sidecar
 * (and its secret store) may come up after the app. Failures are retried with backoff;
 * readiness stays red until it has run, so nobody meets a shop without its admin.
 */
export function startFirstAdminBootstrap(options: FirstAdminBootstrapOptions): FirstAdminBootstrap {
  const { deps, logger } = options;
  const maxDelay = options.maxRetryDelayMs ?? 30_000;
  let done = false;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();

  async function attempt(n: number): Promise<void> {
    try {
      const result = await ensureFirstAdmin(deps, await options.readSecrets());
      done = true;
      const message =
        result.outcome === 'created' ? 'first admin created' : 'first admin already exists, left unchanged';
      logger.info(message, { userId: result.userId });
    } catch (err) {
      if (isAppError(err) && err.code === 'VALIDATION_FAILED') {
        // Retrying cannot fix bad secrets; an operator must. Field names only, never values.
        done = true;
        logger.error('first admin secrets are invalid, no admin created', { fields: err.errors?.map((e) => e.path) });
        return;
      }
      const delay = Math.min(maxDelay, 500 * 2 ** Math.min(n, 10));
      logger.warn('first admin bootstrap failed, will retry', { attempt: n, retryInMs: delay, err });
      if (!stopped) timer = setTimeout(() => (current = attempt(n + 1)), delay);
    }
  }

  current = attempt(1);
  return {
    name: 'first admin bootstrap',
    async check() {
      if (!done) throw new Error('the first admin has not been set up yet');
    },
    settled: () => current,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
