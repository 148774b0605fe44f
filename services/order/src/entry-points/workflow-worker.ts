import { WorkflowRuntime } from '@dapr/dapr';
import type { Logger, Stoppable } from '@shop/service-kit';
import { CANCELLATION_WORKFLOW, cancellationWorkflow } from '../workflows/cancellation/workflow';
import { checkoutActivities, type CheckoutActivityDeps } from '../workflows/checkout/activities';
import { CHECKOUT_WORKFLOW, checkoutWorkflow } from '../workflows/checkout/workflow';
import { probeActivities } from '../workflows/platform-probe/activities';
import { PLATFORM_PROBE_WORKFLOW, platformProbeWorkflow } from '../workflows/platform-probe/workflow';

/** The SDK worker's private state we have to reach (see tune and the watchdog below). */
interface InnerWorker {
  _isRunning: boolean;
  _maxConcurrentWorkItems: number;
  _maxQueueSize: number;
  _stub: { close?: () => void } | null;
}

export interface WorkflowWorkerOptions {
  daprHost: string;
  daprGrpcPort: number;
  logger: Logger;
  checkout: CheckoutActivityDeps;
  /** Work items run at once (activities are I/O-bound: calls to product and the provider). */
  maxConcurrentWorkItems?: number;
  watchdogIntervalMs?: number;
}

function buildRuntime(options: WorkflowWorkerOptions): WorkflowRuntime {
  const runtime = new WorkflowRuntime({ daprHost: options.daprHost, daprPort: String(options.daprGrpcPort) });
  runtime.registerWorkflowWithName(PLATFORM_PROBE_WORKFLOW, platformProbeWorkflow);
  for (const [name, fn] of Object.entries(probeActivities(options.logger))) runtime.registerActivityWithName(name, fn);
  runtime.registerWorkflowWithName(CHECKOUT_WORKFLOW, checkoutWorkflow);
  runtime.registerWorkflowWithName(CANCELLATION_WORKFLOW, cancellationWorkflow);
  for (const [name, fn] of Object.entries(checkoutActivities(options.checkout)))
    runtime.registerActivityWithName(name, fn);
  // @dapr/dapr 3.18 hard-codes 10 work items at a time and a queue of 100 past which it DROPS
  // work items (the sidecar then waits on them until its own timeouts): 100 concurrent
  // checkouts stalled for many seconds. No option exists, so the fields are set here.
  const inner = (runtime as unknown as { worker: InnerWorker }).worker;
  inner._maxConcurrentWorkItems = options.maxConcurrentWorkItems ?? 64;
  inner._maxQueueSize = Number.MAX_SAFE_INTEGER;
  return runtime;
}

/**
 * Registers the order service's workflows and activities with its sidecar and keeps them
 * connected. The SDK retries a broken work-item stream only after its first stream ended:
 * when the sidecar dies while the first stream is open, the worker stops for good
 * ("Worker failed") and every saga would stall. A watchdog notices the stopped worker and
 * starts a fresh runtime until the sidecar is back.
 */
export async function startWorkflowWorker(options: WorkflowWorkerOptions): Promise<Stoppable> {
  const { logger } = options;
  let runtime = buildRuntime(options);
  let stopping = false;
  await runtime.start();
  logger.info('workflow worker started', {
    workflows: [PLATFORM_PROBE_WORKFLOW, CHECKOUT_WORKFLOW, CANCELLATION_WORKFLOW],
  });

  const running = (r: WorkflowRuntime) => (r as unknown as { worker: InnerWorker }).worker._isRunning;
  let restarting = false;
  const watchdog = setInterval(() => {
    if (stopping || restarting || running(runtime)) return;
    restarting = true;
    logger.warn('workflow worker lost its sidecar stream; starting a new one');
    // The dead worker's channel would otherwise keep reconnecting in the background.
    (runtime as unknown as { worker: InnerWorker }).worker._stub?.close?.();
    runtime = buildRuntime(options);
    runtime
      .start()
      .then(() => logger.info('workflow worker reconnected'))
      .catch((err: unknown) => logger.warn('workflow worker not reconnected yet', { err }))
      .finally(() => (restarting = false));
  }, options.watchdogIntervalMs ?? 1_000);
  watchdog.unref();

  return {
    name: 'workflow runtime',
    async stop() {
      stopping = true;
      clearInterval(watchdog);
      if (running(runtime)) await runtime.stop();
    },
  };
}
