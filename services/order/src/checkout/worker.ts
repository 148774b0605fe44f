import { WorkflowRuntime } from './workflow-sdk';
import type { Logger, Stoppable } from '@shop/service-kit';
import { periodic } from '@shop/service-kit/periodic';
import type { z } from 'zod';
import { probeSteps } from '../platform-probe/activities';
import { PROBE_WORKFLOWS } from '../platform-probe/workflow';
import { checkoutActivities, type CheckoutActivityDeps } from './activities';
import { FLOOR_WORKFLOWS, floorSteps } from './floor';
import { quietRuntime } from './quiet-sdk';
import { registerSteps, retryingTransient, workflowFunction, type WorkflowDefinition } from './steps';
import { WORKFLOWS } from './workflow';

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

const ALL_WORKFLOWS: Record<string, WorkflowDefinition<z.ZodType>> = {
  ...WORKFLOWS,
  ...FLOOR_WORKFLOWS,
  ...PROBE_WORKFLOWS,
};

function buildRuntime(options: WorkflowWorkerOptions): WorkflowRuntime {
  const runtime = quietRuntime(
    new WorkflowRuntime({ daprHost: options.daprHost, daprPort: String(options.daprGrpcPort) }),
  );
  for (const [name, definition] of Object.entries(ALL_WORKFLOWS)) {
    runtime.registerWorkflowWithName(name, workflowFunction(definition));
  }
  registerSteps(runtime, retryingTransient(checkoutActivities(options.checkout), options.logger));
  registerSteps(runtime, floorSteps);
  registerSteps(runtime, probeSteps(options.logger));
  // @dapr/dapr 3.18 hard-codes 10 work items at a time and a queue of 100 past which it DROPS
  // work items (the sidecar then waits on them until its own timeouts): 100 concurrent
  // checkouts stalled for many seconds. No option exists, so the fields are set here.
  const inner = (runtime as unknown as { worker: InnerWorker }).worker;
  inner._maxConcurrentWorkItems = options.maxConcurrentWorkItems ?? 64;
  inner._maxQueueSize = Number.MAX_SAFE_INTEGER;
  return runtime;
}

/**
 * Registers the order service's workflows and steps with its sidecar and keeps them
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
  logger.info('workflow worker started', { workflows: Object.keys(ALL_WORKFLOWS) });

  const running = (r: WorkflowRuntime) => (r as unknown as { worker: InnerWorker }).worker._isRunning;
  const watchdog = periodic(
    'workflow worker watchdog',
    async () => {
      if (stopping || running(runtime)) return;
      logger.warn('workflow worker lost its sidecar stream; starting a new one');
      // The dead worker's channel would otherwise keep reconnecting in the background.
      (runtime as unknown as { worker: InnerWorker }).worker._stub?.close?.();
      runtime = buildRuntime(options);
      try {
        await runtime.start();
        logger.info('workflow worker reconnected');
      } catch (err) {
        logger.warn('workflow worker not reconnected yet', { err });
      }
    },
    { logger, intervalMs: options.watchdogIntervalMs ?? 1_000, ref: false },
  );
  watchdog.start();

  return {
    name: 'workflow runtime',
    async stop() {
      stopping = true;
      // Not awaited: a reconnect in flight may hang on a dead sidecar, and stop must not.
      void watchdog.stop();
      if (running(runtime)) await runtime.stop();
    },
  };
}
