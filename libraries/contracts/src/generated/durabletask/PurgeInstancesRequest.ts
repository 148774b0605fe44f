// Original file: proto/durabletask/durabletask-subset.proto


export interface PurgeInstancesRequest {
  'instanceId'?: (string);
  'recursive'?: (boolean);
  'force'?: (boolean);
  'request'?: "instanceId";
  '_force'?: "force";
}

export interface PurgeInstancesRequest__Output {
  'instanceId'?: (string);
  'recursive'?: (boolean);
  'force'?: (boolean);
  'request'?: "instanceId";
  '_force'?: "force";
}
