import type * as Sdk from '@dapr/dapr';

// The workflow classes from their own modules: @dapr/dapr's index loads every client, server
// and actor module of the SDK with them, ~20 MiB of RSS the order service never uses
// (docs/performance.md). Types still come from the index (erased at build).
export const WorkflowRuntime = (
  require('@dapr/dapr/workflow/runtime/WorkflowRuntime') as { default: typeof Sdk.WorkflowRuntime }
).default;
export type WorkflowRuntime = Sdk.WorkflowRuntime;
export const DaprWorkflowClient = (
  require('@dapr/dapr/workflow/client/DaprWorkflowClient') as { default: typeof Sdk.DaprWorkflowClient }
).default;
export type DaprWorkflowClient = Sdk.DaprWorkflowClient;
export const { WorkflowRuntimeStatus } = require('@dapr/dapr/workflow/runtime/WorkflowRuntimeStatus') as {
  WorkflowRuntimeStatus: typeof Sdk.WorkflowRuntimeStatus;
};
export const { LogLevel } = require('@dapr/dapr/types/logger/LogLevel') as { LogLevel: typeof Sdk.LogLevel };
export type LogLevel = Sdk.LogLevel;
