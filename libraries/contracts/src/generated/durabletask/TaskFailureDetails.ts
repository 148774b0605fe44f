// Original file: proto/durabletask/durabletask-subset.proto

import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { TaskFailureDetails as _TaskFailureDetails, TaskFailureDetails__Output as _TaskFailureDetails__Output } from './TaskFailureDetails';

export interface TaskFailureDetails {
  'errorType'?: (string);
  'errorMessage'?: (string);
  'stackTrace'?: (_google_protobuf_StringValue | null);
  'innerFailure'?: (_TaskFailureDetails | null);
  'isNonRetriable'?: (boolean);
}

export interface TaskFailureDetails__Output {
  'errorType'?: (string);
  'errorMessage'?: (string);
  'stackTrace'?: (_google_protobuf_StringValue__Output);
  'innerFailure'?: (_TaskFailureDetails__Output);
  'isNonRetriable'?: (boolean);
}
