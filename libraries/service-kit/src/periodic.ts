// Transport-free: a job loop that domain and entry points alike may run.
import { AsyncResource } from 'node:async_hooks';
import { Histogram, type Registry } from 'prom-client';
import type { Logger } from './log';

export interface PeriodicJob {
  readonly name: string;
  start(): void;
  /** Stops scheduling and resolves once a running pass has ended. */
  stop(): Promise<void>;
  /** Runs a pass now unless one is running (then waits for that one); the schedule goes on. */
  runNow(): Promise<void>;
  /** Asks for a pass soon: at once when idle, else right after the running one. Only once started. */
  wake(): void;
}

export type PassOutcome = 'ok' | 'failed';

export interface PeriodicOptions {
  readonly logger: Logger;
  readonly intervalMs: number;
  /** The wait before the first pass; default `intervalMs`. */
  readonly firstDelayMs?: number;
  /** The wait after a pass, from what the pass returned (e.g. none while a backlog is left). */
  readonly nextDelayMs?: (result: unknown, outcome: PassOutcome) => number;
  /** Where `shop_job_pass_duration_seconds{job,outcome}` is recorded (a service's `createMetrics`). */
  readonly metrics?: { readonly registry: Registry };
  /** Whether the loop's timer keeps the process alive; default true. */
  readonly ref?: boolean;
}

const histograms = new WeakMap<Registry, Histogram<'job' | 'outcome'>>();

function passHistogram(registry: Registry): Histogram<'job' | 'outcome'> {
  let histogram = histograms.get(registry);
  if (!histogram) {
    histogram = new Histogram({
      name: 'shop_job_pass_duration_seconds',
      help: 'Duration of each pass of a periodic job, by outcome',
      labelNames: ['job', 'outcome'],
      buckets: [0.005, 0.025, 0.1, 0.5, 2, 10, 60],
      registers: [registry],
    });
    histograms.set(registry, histogram);
  }
  return histogram;
}

/**
 * Runs `pass` every `intervalMs`. The next pass is scheduled when one ends, so passes never
 * overlap; a failed pass is logged and the loop goes on. Hand-written because a cron or job
 * library would bring its own overlap and shutdown handling, which is all this is.
 */
export function periodic(name: string, pass: () => Promise<unknown>, options: PeriodicOptions): PeriodicJob {
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let running: Promise<void> | undefined;
  let again = false;
  const histogram = options.metrics && passHistogram(options.metrics.registry);

  const schedule = (ms: number) => {
    if (!started) return;
    clearTimeout(timer);
    timer = setTimeout(detachedRun, Math.max(0, ms));
    if (options.ref === false) timer.unref();
  };

  const runOnce = (): Promise<void> => {
    running ??= (async () => {
      const began = performance.now();
      let outcome: PassOutcome = 'ok';
      let result: unknown;
      try {
        result = await pass();
      } catch (err) {
        outcome = 'failed';
        options.logger.warn(`${name} failed`, { err });
      }
      histogram?.observe({ job: name, outcome }, (performance.now() - began) / 1000);
      running = undefined;
      schedule(again ? 0 : (options.nextDelayMs?.(result, outcome) ?? options.intervalMs));
      again = false;
    })();
    return running;
  };
  // Passes run in the job's creation context, never in (and logged or traced as) the request
  // that happened to wake the job.
  const detachedRun = AsyncResource.bind(() => void runOnce());

  return {
    name,
    start() {
      if (started) return;
      started = true;
      schedule(options.firstDelayMs ?? options.intervalMs);
    },
    async stop() {
      started = false;
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
    runNow: runOnce,
    wake() {
      if (running) again = true;
      else schedule(0);
    },
  };
}
