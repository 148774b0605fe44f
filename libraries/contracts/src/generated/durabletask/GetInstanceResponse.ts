// Original file: proto/durabletask/durabletask-subset.proto

import type { WorkflowState as _WorkflowState, WorkflowState__Output as _WorkflowState__Output } from './WorkflowState';

export interface GetInstanceResponse {
  'exists'?: (boolean);
  'workflowState'?: (_WorkflowState | null);
}

export interface GetInstanceResponse__Output {
  'exists'?: (boolean);
  'workflowState'?: (_WorkflowState__Output);
}
