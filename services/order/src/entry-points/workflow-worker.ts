import { WorkflowRuntime } from '@dapr/dapr';
import type { Logger, Stoppable } from '@shop/service-kit';
import { CANCELLATION_WORKFLOW, cancellationWorkflow } from '../workflows/cancellation/workflow';
import { checkoutActivities, type CheckoutActivityDeps } from '../workflows/checkout/activities';
import { CHECKOUT_WORKFLOW, checkoutWorkflow } from '../workflows/checkout/workflow';
import { probeActivities } from '../workflows/platform-probe/activities';
import { PLATFORM_PROBE_WORKFLOW, platformProbeWorkflow } from '../workflows/platform-probe/workflow';

/** Registers the order service's workflows and activities with its sidecar and starts them. */
export async function startWorkflowWorker(options: {
  daprHost: string;
  daprGrpcPort: number;
  logger: Logger;
  checkout: CheckoutActivityDeps;
}): Promise<Stoppable> {
  const runtime = new WorkflowRuntime({ daprHost: options.daprHost, daprPort: String(options.daprGrpcPort) });
  runtime.registerWorkflowWithName(PLATFORM_PROBE_WORKFLOW, platformProbeWorkflow);
  for (const [name, fn] of Object.entries(probeActivities(options.logger))) runtime.registerActivityWithName(name, fn);
  runtime.registerWorkflowWithName(CHECKOUT_WORKFLOW, checkoutWorkflow);
  runtime.registerWorkflowWithName(CANCELLATION_WORKFLOW, cancellationWorkflow);
  for (const [name, fn] of Object.entries(checkoutActivities(options.checkout)))
    runtime.registerActivityWithName(name, fn);
  await runtime.start();
  options.logger.info('workflow worker started', {
    workflows: [PLATFORM_PROBE_WORKFLOW, CHECKOUT_WORKFLOW, CANCELLATION_WORKFLOW],
  });
  return { name: 'workflow runtime', stop: () => runtime.stop() };
}
