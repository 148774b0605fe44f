// Original file: proto/durabletask/durabletask-subset.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';

export interface RerunWorkflowFromEventRequest {
  'sourceInstanceID'?: (string);
  'eventID'?: (number);
  'newInstanceID'?: (string);
  'input'?: (_google_protobuf_StringValue | null);
  'overwriteInput'?: (boolean);
  '_newInstanceID'?: "newInstanceID";
}

export interface RerunWorkflowFromEventRequest__Output {
  'sourceInstanceID'?: (string);
  'eventID'?: (number);
  'newInstanceID'?: (string);
  'input'?: (_google_protobuf_StringValue__Output);
  'overwriteInput'?: (boolean);
  '_newInstanceID'?: "newInstanceID";
}
