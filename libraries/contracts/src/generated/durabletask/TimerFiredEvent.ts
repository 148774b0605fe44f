// Original file: proto/durabletask/durabletask-subset.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';

export interface TimerFiredEvent {
  'fireAt'?: (_google_protobuf_Timestamp | null);
  'timerId'?: (number);
}

export interface TimerFiredEvent__Output {
  'fireAt'?: (_google_protobuf_Timestamp__Output);
  'timerId'?: (number);
}
