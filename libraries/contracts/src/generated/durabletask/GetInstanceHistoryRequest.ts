// Original file: proto/durabletask/durabletask-subset.proto


export interface GetInstanceHistoryRequest {
  'instanceId'?: (string);
}

export interface GetInstanceHistoryRequest__Output {
  'instanceId'?: (string);
}
