import { DaprWorkflowClient, LogLevel, WorkflowRuntime } from './workflow-sdk';
// A module the SDK does not export; its class is replaced below.
const executorModule = require('@dapr/dapr/workflow/internal/durabletask/worker/orchestration-executor') as {
  OrchestrationExecutor: new (...args: unknown[]) => { logger: unknown };
};
const { Logger } = require('@dapr/dapr/logger/Logger') as {
  Logger: new (component: string, area: string, options: { level: LogLevel }) => unknown;
};

const quiet = (area: string) => new Logger('DurableTask', area, { level: LogLevel.Warn });

/**
 * @dapr/dapr 3.18's durabletask worker, executor and client log every work item, replay and
 * start at INFO to the console (unstructured lines, ~900 per 100 checkouts), whatever logger
 * option the runtime and the client are given. Measured: most of the order log and a share of
 * its CPU under load. These keep warnings and errors and drop the rest. Idempotent.
 */
let patched = false;
export function quietWorkflowSdk(): void {
  if (patched) return;
  patched = true;
  const Original = executorModule.OrchestrationExecutor;
  executorModule.OrchestrationExecutor = class extends Original {
    constructor(...args: unknown[]) {
      super(...args);
      this.logger = quiet('OrchestrationExecutor');
    }
  };
}

export function quietRuntime(runtime: WorkflowRuntime): WorkflowRuntime {
  quietWorkflowSdk();
  (runtime as unknown as { worker: { logger: unknown } }).worker.logger = quiet('Worker');
  return runtime;
}

export function quietClient(client: DaprWorkflowClient): DaprWorkflowClient {
  (client as unknown as { _innerClient: { logger: unknown } })._innerClient.logger = quiet('Client');
  return client;
}
