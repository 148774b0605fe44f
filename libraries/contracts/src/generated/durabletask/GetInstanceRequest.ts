// Original file: proto/durabletask/durabletask-subset.proto


export interface GetInstanceRequest {
  'instanceId'?: (string);
  'getInputsAndOutputs'?: (boolean);
}

export interface GetInstanceRequest__Output {
  'instanceId'?: (string);
  'getInputsAndOutputs'?: (boolean);
}
