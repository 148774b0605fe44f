// Original file: proto/durabletask/durabletask-subset.proto

import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from './google/protobuf/BoolValue';

export interface PurgeInstancesResponse {
  'deletedInstanceCount'?: (number);
  'isComplete'?: (_google_protobuf_BoolValue | null);
}

export interface PurgeInstancesResponse__Output {
  'deletedInstanceCount'?: (number);
  'isComplete'?: (_google_protobuf_BoolValue__Output);
}
