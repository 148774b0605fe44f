import { isAppError, type HealthCheck, type Logger, type Stoppable } from '@shop/service-kit';
import { retry } from '@shop/service-kit/retry';
import type { UserDeps } from '../../domain/ports';
import { ensureFirstAdmin } from '../../domain/use-cases/first-admin';

export interface FirstAdminBootstrap extends Stoppable {
  /** Resolves once the bootstrap ran (or gave up on invalid secrets); a /readyz check. */
  readonly check: HealthCheck;
  /** Settles once the bootstrap succeeded, gave up or was stopped; tests await it. */
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
  const stopping = new AbortController();
  let done = false;
  // Retrying cannot fix bad secrets; an operator must.
  const badSecrets = (err: unknown) => isAppError(err) && err.code === 'VALIDATION_FAILED';

  const current = retry(async () => ensureFirstAdmin(deps, await options.readSecrets()), {
    backoff: { initialMs: 1_000, maxMs: maxDelay },
    retryIf: (err) => !badSecrets(err),
    signal: stopping.signal,
    onRetry: (err, attempt, retryInMs) =>
      logger.warn('first admin bootstrap failed, will retry', { attempt, retryInMs, err }),
  }).then(
    (result) => {
      done = true;
      const message =
        result.outcome === 'created' ? 'first admin created' : 'first admin already exists, left unchanged';
      logger.info(message, { userId: result.userId });
    },
    (err: unknown) => {
      if (!badSecrets(err)) return; // stopped while it was still retrying
      done = true;
      // Field names only, never values.
      const fields = isAppError(err) ? err.errors?.map((e) => e.path) : undefined;
      logger.error('first admin secrets are invalid, no admin created', { fields });
    },
  );

  return {
    name: 'first admin bootstrap',
    async check() {
      if (!done) throw new Error('the first admin has not been set up yet');
    },
    settled: () => current,
    async stop() {
      stopping.abort();
      await current;
    },
  };
}
