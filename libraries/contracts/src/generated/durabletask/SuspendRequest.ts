// Original file: proto/durabletask/durabletask-subset.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface SuspendRequest {
  'instanceId'?: (string);
  'reason'?: (_google_protobuf_StringValue | null);
}

export interface SuspendRequest__Output {
  'instanceId'?: (string);
  'reason'?: (_google_protobuf_StringValue__Output);
}
