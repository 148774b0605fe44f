// Original file: proto/durabletask/durabletask-subset.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { TimerOriginExternalEvent as _TimerOriginExternalEvent, TimerOriginExternalEvent__Output as _TimerOriginExternalEvent__Output } from './TimerOriginExternalEvent';

export interface TimerCreatedEvent {
  'fireAt'?: (_google_protobuf_Timestamp | null);
  'name'?: (string);
  'externalEvent'?: (_TimerOriginExternalEvent | null);
  '_name'?: "name";
}

export interface TimerCreatedEvent__Output {
  'fireAt'?: (_google_protobuf_Timestamp__Output);
  'name'?: (string);
  'externalEvent'?: (_TimerOriginExternalEvent__Output);
  '_name'?: "name";
}
