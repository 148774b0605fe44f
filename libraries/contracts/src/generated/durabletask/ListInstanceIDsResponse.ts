// Original file: proto/durabletask/durabletask-subset.proto


export interface ListInstanceIDsResponse {
  'instanceIds'?: (string)[];
  'continuationToken'?: (string);
  '_continuationToken'?: "continuationToken";
}

export interface ListInstanceIDsResponse__Output {
  'instanceIds'?: (string)[];
  'continuationToken'?: (string);
  '_continuationToken'?: "continuationToken";
}
