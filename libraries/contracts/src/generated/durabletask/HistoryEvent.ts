// Original file: proto/durabletask/durabletask-subset.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { ExecutionStartedEvent as _ExecutionStartedEvent, ExecutionStartedEvent__Output as _ExecutionStartedEvent__Output } from './ExecutionStartedEvent';
import type { ExecutionCompletedEvent as _ExecutionCompletedEvent, ExecutionCompletedEvent__Output as _ExecutionCompletedEvent__Output } from './ExecutionCompletedEvent';
import type { ExecutionTerminatedEvent as _ExecutionTerminatedEvent, ExecutionTerminatedEvent__Output as _ExecutionTerminatedEvent__Output } from './ExecutionTerminatedEvent';
import type { TaskScheduledEvent as _TaskScheduledEvent, TaskScheduledEvent__Output as _TaskScheduledEvent__Output } from './TaskScheduledEvent';
import type { TaskCompletedEvent as _TaskCompletedEvent, TaskCompletedEvent__Output as _TaskCompletedEvent__Output } from './TaskCompletedEvent';
import type { TaskFailedEvent as _TaskFailedEvent, TaskFailedEvent__Output as _TaskFailedEvent__Output } from './TaskFailedEvent';
import type { ChildWorkflowInstanceCreatedEvent as _ChildWorkflowInstanceCreatedEvent, ChildWorkflowInstanceCreatedEvent__Output as _ChildWorkflowInstanceCreatedEvent__Output } from './ChildWorkflowInstanceCreatedEvent';
import type { TimerCreatedEvent as _TimerCreatedEvent, TimerCreatedEvent__Output as _TimerCreatedEvent__Output } from './TimerCreatedEvent';
import type { TimerFiredEvent as _TimerFiredEvent, TimerFiredEvent__Output as _TimerFiredEvent__Output } from './TimerFiredEvent';
import type { Empty as _Empty, Empty__Output as _Empty__Output } from './Empty';
import type { EventSentEvent as _EventSentEvent, EventSentEvent__Output as _EventSentEvent__Output } from './EventSentEvent';
import type { EventRaisedEvent as _EventRaisedEvent, EventRaisedEvent__Output as _EventRaisedEvent__Output } from './EventRaisedEvent';
import type { ExecutionSuspendedEvent as _ExecutionSuspendedEvent, ExecutionSuspendedEvent__Output as _ExecutionSuspendedEvent__Output } from './ExecutionSuspendedEvent';
import type { ExecutionResumedEvent as _ExecutionResumedEvent, ExecutionResumedEvent__Output as _ExecutionResumedEvent__Output } from './ExecutionResumedEvent';
import type { ExecutionStalledEvent as _ExecutionStalledEvent, ExecutionStalledEvent__Output as _ExecutionStalledEvent__Output } from './ExecutionStalledEvent';

export interface HistoryEvent {
  'eventId'?: (number);
  'timestamp'?: (_google_protobuf_Timestamp | null);
  'executionStarted'?: (_ExecutionStartedEvent | null);
  'executionCompleted'?: (_ExecutionCompletedEvent | null);
  'executionTerminated'?: (_ExecutionTerminatedEvent | null);
  'taskScheduled'?: (_TaskScheduledEvent | null);
  'taskCompleted'?: (_TaskCompletedEvent | null);
  'taskFailed'?: (_TaskFailedEvent | null);
  'childWorkflowInstanceCreated'?: (_ChildWorkflowInstanceCreatedEvent | null);
  'timerCreated'?: (_TimerCreatedEvent | null);
  'timerFired'?: (_TimerFiredEvent | null);
  'workflowStarted'?: (_Empty | null);
  'workflowCompleted'?: (_Empty | null);
  'eventSent'?: (_EventSentEvent | null);
  'eventRaised'?: (_EventRaisedEvent | null);
  'executionSuspended'?: (_ExecutionSuspendedEvent | null);
  'executionResumed'?: (_ExecutionResumedEvent | null);
  'executionStalled'?: (_ExecutionStalledEvent | null);
  'eventType'?: "executionStarted"|"executionCompleted"|"executionTerminated"|"taskScheduled"|"taskCompleted"|"taskFailed"|"childWorkflowInstanceCreated"|"timerCreated"|"timerFired"|"workflowStarted"|"workflowCompleted"|"eventSent"|"eventRaised"|"executionSuspended"|"executionResumed"|"executionStalled";
}

export interface HistoryEvent__Output {
  'eventId'?: (number);
  'timestamp'?: (_google_protobuf_Timestamp__Output);
  'executionStarted'?: (_ExecutionStartedEvent__Output);
  'executionCompleted'?: (_ExecutionCompletedEvent__Output);
  'executionTerminated'?: (_ExecutionTerminatedEvent__Output);
  'taskScheduled'?: (_TaskScheduledEvent__Output);
  'taskCompleted'?: (_TaskCompletedEvent__Output);
  'taskFailed'?: (_TaskFailedEvent__Output);
  'childWorkflowInstanceCreated'?: (_ChildWorkflowInstanceCreatedEvent__Output);
  'timerCreated'?: (_TimerCreatedEvent__Output);
  'timerFired'?: (_TimerFiredEvent__Output);
  'workflowStarted'?: (_Empty__Output);
  'workflowCompleted'?: (_Empty__Output);
  'eventSent'?: (_EventSentEvent__Output);
  'eventRaised'?: (_EventRaisedEvent__Output);
  'executionSuspended'?: (_ExecutionSuspendedEvent__Output);
  'executionResumed'?: (_ExecutionResumedEvent__Output);
  'executionStalled'?: (_ExecutionStalledEvent__Output);
  'eventType'?: "executionStarted"|"executionCompleted"|"executionTerminated"|"taskScheduled"|"taskCompleted"|"taskFailed"|"childWorkflowInstanceCreated"|"timerCreated"|"timerFired"|"workflowStarted"|"workflowCompleted"|"eventSent"|"eventRaised"|"executionSuspended"|"executionResumed"|"executionStalled";
}
