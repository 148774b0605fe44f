// Original file: proto/durabletask/durabletask-subset.proto

import type { TaskFailureDetails as _TaskFailureDetails, TaskFailureDetails__Output as _TaskFailureDetails__Output } from './TaskFailureDetails';

export interface TaskFailedEvent {
  'taskScheduledId'?: (number);
  'failureDetails'?: (_TaskFailureDetails | null);
}

export interface TaskFailedEvent__Output {
  'taskScheduledId'?: (number);
  'failureDetails'?: (_TaskFailureDetails__Output);
}
