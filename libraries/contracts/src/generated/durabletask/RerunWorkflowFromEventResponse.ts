// Original file: proto/durabletask/durabletask-subset.proto


export interface RerunWorkflowFromEventResponse {
  'newInstanceID'?: (string);
}

export interface RerunWorkflowFromEventResponse__Output {
  'newInstanceID'?: (string);
}
