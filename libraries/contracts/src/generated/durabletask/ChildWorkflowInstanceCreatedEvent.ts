// Original file: proto/durabletask/durabletask-subset.proto


export interface ChildWorkflowInstanceCreatedEvent {
  'instanceId'?: (string);
  'name'?: (string);
}

export interface ChildWorkflowInstanceCreatedEvent__Output {
  'instanceId'?: (string);
  'name'?: (string);
}
