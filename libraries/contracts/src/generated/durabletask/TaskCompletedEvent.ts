// Original file: proto/durabletask/durabletask-subset.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface TaskCompletedEvent {
  'taskScheduledId'?: (number);
  'result'?: (_google_protobuf_StringValue | null);
}

export interface TaskCompletedEvent__Output {
  'taskScheduledId'?: (number);
  'result'?: (_google_protobuf_StringValue__Output);
}
