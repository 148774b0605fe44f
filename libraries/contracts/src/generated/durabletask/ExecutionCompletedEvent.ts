// Original file: proto/durabletask/durabletask-subset.proto

import type { OrchestrationStatus as _OrchestrationStatus, OrchestrationStatus__Output as _OrchestrationStatus__Output } from './OrchestrationStatus';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { TaskFailureDetails as _TaskFailureDetails, TaskFailureDetails__Output as _TaskFailureDetails__Output } from './TaskFailureDetails';

export interface ExecutionCompletedEvent {
  'workflowStatus'?: (_OrchestrationStatus);
  'result'?: (_google_protobuf_StringValue | null);
  'failureDetails'?: (_TaskFailureDetails | null);
}

export interface ExecutionCompletedEvent__Output {
  'workflowStatus'?: (_OrchestrationStatus__Output);
  'result'?: (_google_protobuf_StringValue__Output);
  'failureDetails'?: (_TaskFailureDetails__Output);
}
