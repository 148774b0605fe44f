// Original file: proto/durabletask/durabletask-subset.proto


export interface ListInstanceIDsRequest {
  'continuationToken'?: (string);
  'pageSize'?: (number);
  '_continuationToken'?: "continuationToken";
  '_pageSize'?: "pageSize";
}

export interface ListInstanceIDsRequest__Output {
  'continuationToken'?: (string);
  'pageSize'?: (number);
  '_continuationToken'?: "continuationToken";
  '_pageSize'?: "pageSize";
}
