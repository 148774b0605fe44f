import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ChildWorkflowInstanceCreatedEvent as _ChildWorkflowInstanceCreatedEvent, ChildWorkflowInstanceCreatedEvent__Output as _ChildWorkflowInstanceCreatedEvent__Output } from './ChildWorkflowInstanceCreatedEvent';
import type { Empty as _Empty, Empty__Output as _Empty__Output } from './Empty';
import type { EventRaisedEvent as _EventRaisedEvent, EventRaisedEvent__Output as _EventRaisedEvent__Output } from './EventRaisedEvent';
import type { EventSentEvent as _EventSentEvent, EventSentEvent__Output as _EventSentEvent__Output } from './EventSentEvent';
import type { ExecutionCompletedEvent as _ExecutionCompletedEvent, ExecutionCompletedEvent__Output as _ExecutionCompletedEvent__Output } from './ExecutionCompletedEvent';
import type { ExecutionResumedEvent as _ExecutionResumedEvent, ExecutionResumedEvent__Output as _ExecutionResumedEvent__Output } from './ExecutionResumedEvent';
import type { ExecutionStalledEvent as _ExecutionStalledEvent, ExecutionStalledEvent__Output as _ExecutionStalledEvent__Output } from './ExecutionStalledEvent';
import type { ExecutionStartedEvent as _ExecutionStartedEvent, ExecutionStartedEvent__Output as _ExecutionStartedEvent__Output } from './ExecutionStartedEvent';
import type { ExecutionSuspendedEvent as _ExecutionSuspendedEvent, ExecutionSuspendedEvent__Output as _ExecutionSuspendedEvent__Output } from './ExecutionSuspendedEvent';
import type { ExecutionTerminatedEvent as _ExecutionTerminatedEvent, ExecutionTerminatedEvent__Output as _ExecutionTerminatedEvent__Output } from './ExecutionTerminatedEvent';
import type { GetInstanceHistoryRequest as _GetInstanceHistoryRequest, GetInstanceHistoryRequest__Output as _GetInstanceHistoryRequest__Output } from './GetInstanceHistoryRequest';
import type { GetInstanceHistoryResponse as _GetInstanceHistoryResponse, GetInstanceHistoryResponse__Output as _GetInstanceHistoryResponse__Output } from './GetInstanceHistoryResponse';
import type { GetInstanceRequest as _GetInstanceRequest, GetInstanceRequest__Output as _GetInstanceRequest__Output } from './GetInstanceRequest';
import type { GetInstanceResponse as _GetInstanceResponse, GetInstanceResponse__Output as _GetInstanceResponse__Output } from './GetInstanceResponse';
import type { HistoryEvent as _HistoryEvent, HistoryEvent__Output as _HistoryEvent__Output } from './HistoryEvent';
import type { ListInstanceIDsRequest as _ListInstanceIDsRequest, ListInstanceIDsRequest__Output as _ListInstanceIDsRequest__Output } from './ListInstanceIDsRequest';
import type { ListInstanceIDsResponse as _ListInstanceIDsResponse, ListInstanceIDsResponse__Output as _ListInstanceIDsResponse__Output } from './ListInstanceIDsResponse';
import type { PurgeInstancesRequest as _PurgeInstancesRequest, PurgeInstancesRequest__Output as _PurgeInstancesRequest__Output } from './PurgeInstancesRequest';
import type { PurgeInstancesResponse as _PurgeInstancesResponse, PurgeInstancesResponse__Output as _PurgeInstancesResponse__Output } from './PurgeInstancesResponse';
import type { RaiseEventRequest as _RaiseEventRequest, RaiseEventRequest__Output as _RaiseEventRequest__Output } from './RaiseEventRequest';
import type { RaiseEventResponse as _RaiseEventResponse, RaiseEventResponse__Output as _RaiseEventResponse__Output } from './RaiseEventResponse';
import type { RerunWorkflowFromEventRequest as _RerunWorkflowFromEventRequest, RerunWorkflowFromEventRequest__Output as _RerunWorkflowFromEventRequest__Output } from './RerunWorkflowFromEventRequest';
import type { RerunWorkflowFromEventResponse as _RerunWorkflowFromEventResponse, RerunWorkflowFromEventResponse__Output as _RerunWorkflowFromEventResponse__Output } from './RerunWorkflowFromEventResponse';
import type { ResumeRequest as _ResumeRequest, ResumeRequest__Output as _ResumeRequest__Output } from './ResumeRequest';
import type { ResumeResponse as _ResumeResponse, ResumeResponse__Output as _ResumeResponse__Output } from './ResumeResponse';
import type { SuspendRequest as _SuspendRequest, SuspendRequest__Output as _SuspendRequest__Output } from './SuspendRequest';
import type { SuspendResponse as _SuspendResponse, SuspendResponse__Output as _SuspendResponse__Output } from './SuspendResponse';
import type { TaskCompletedEvent as _TaskCompletedEvent, TaskCompletedEvent__Output as _TaskCompletedEvent__Output } from './TaskCompletedEvent';
import type { TaskFailedEvent as _TaskFailedEvent, TaskFailedEvent__Output as _TaskFailedEvent__Output } from './TaskFailedEvent';
import type { TaskFailureDetails as _TaskFailureDetails, TaskFailureDetails__Output as _TaskFailureDetails__Output } from './TaskFailureDetails';
import type { TaskHubSidecarServiceClient as _TaskHubSidecarServiceClient, TaskHubSidecarServiceDefinition as _TaskHubSidecarServiceDefinition } from './TaskHubSidecarService';
import type { TaskScheduledEvent as _TaskScheduledEvent, TaskScheduledEvent__Output as _TaskScheduledEvent__Output } from './TaskScheduledEvent';
import type { TerminateRequest as _TerminateRequest, TerminateRequest__Output as _TerminateRequest__Output } from './TerminateRequest';
import type { TerminateResponse as _TerminateResponse, TerminateResponse__Output as _TerminateResponse__Output } from './TerminateResponse';
import type { TimerCreatedEvent as _TimerCreatedEvent, TimerCreatedEvent__Output as _TimerCreatedEvent__Output } from './TimerCreatedEvent';
import type { TimerFiredEvent as _TimerFiredEvent, TimerFiredEvent__Output as _TimerFiredEvent__Output } from './TimerFiredEvent';
import type { TimerOriginExternalEvent as _TimerOriginExternalEvent, TimerOriginExternalEvent__Output as _TimerOriginExternalEvent__Output } from './TimerOriginExternalEvent';
import type { WorkflowState as _WorkflowState, WorkflowState__Output as _WorkflowState__Output } from './WorkflowState';
import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from './google/protobuf/BoolValue';
import type { BytesValue as _google_protobuf_BytesValue, BytesValue__Output as _google_protobuf_BytesValue__Output } from './google/protobuf/BytesValue';
import type { DoubleValue as _google_protobuf_DoubleValue, DoubleValue__Output as _google_protobuf_DoubleValue__Output } from './google/protobuf/DoubleValue';
import type { FloatValue as _google_protobuf_FloatValue, FloatValue__Output as _google_protobuf_FloatValue__Output } from './google/protobuf/FloatValue';
import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from './google/protobuf/Int32Value';
import type { Int64Value as _google_protobuf_Int64Value, Int64Value__Output as _google_protobuf_Int64Value__Output } from './google/protobuf/Int64Value';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from './google/protobuf/UInt32Value';
import type { UInt64Value as _google_protobuf_UInt64Value, UInt64Value__Output as _google_protobuf_UInt64Value__Output } from './google/protobuf/UInt64Value';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ChildWorkflowInstanceCreatedEvent: MessageTypeDefinition<_ChildWorkflowInstanceCreatedEvent, _ChildWorkflowInstanceCreatedEvent__Output>
  Empty: MessageTypeDefinition<_Empty, _Empty__Output>
  EventRaisedEvent: MessageTypeDefinition<_EventRaisedEvent, _EventRaisedEvent__Output>
  EventSentEvent: MessageTypeDefinition<_EventSentEvent, _EventSentEvent__Output>
  ExecutionCompletedEvent: MessageTypeDefinition<_ExecutionCompletedEvent, _ExecutionCompletedEvent__Output>
  ExecutionResumedEvent: MessageTypeDefinition<_ExecutionResumedEvent, _ExecutionResumedEvent__Output>
  ExecutionStalledEvent: MessageTypeDefinition<_ExecutionStalledEvent, _ExecutionStalledEvent__Output>
  ExecutionStartedEvent: MessageTypeDefinition<_ExecutionStartedEvent, _ExecutionStartedEvent__Output>
  ExecutionSuspendedEvent: MessageTypeDefinition<_ExecutionSuspendedEvent, _ExecutionSuspendedEvent__Output>
  ExecutionTerminatedEvent: MessageTypeDefinition<_ExecutionTerminatedEvent, _ExecutionTerminatedEvent__Output>
  GetInstanceHistoryRequest: MessageTypeDefinition<_GetInstanceHistoryRequest, _GetInstanceHistoryRequest__Output>
  GetInstanceHistoryResponse: MessageTypeDefinition<_GetInstanceHistoryResponse, _GetInstanceHistoryResponse__Output>
  GetInstanceRequest: MessageTypeDefinition<_GetInstanceRequest, _GetInstanceRequest__Output>
  GetInstanceResponse: MessageTypeDefinition<_GetInstanceResponse, _GetInstanceResponse__Output>
  HistoryEvent: MessageTypeDefinition<_HistoryEvent, _HistoryEvent__Output>
  ListInstanceIDsRequest: MessageTypeDefinition<_ListInstanceIDsRequest, _ListInstanceIDsRequest__Output>
  ListInstanceIDsResponse: MessageTypeDefinition<_ListInstanceIDsResponse, _ListInstanceIDsResponse__Output>
  OrchestrationStatus: EnumTypeDefinition
  PurgeInstancesRequest: MessageTypeDefinition<_PurgeInstancesRequest, _PurgeInstancesRequest__Output>
  PurgeInstancesResponse: MessageTypeDefinition<_PurgeInstancesResponse, _PurgeInstancesResponse__Output>
  RaiseEventRequest: MessageTypeDefinition<_RaiseEventRequest, _RaiseEventRequest__Output>
  RaiseEventResponse: MessageTypeDefinition<_RaiseEventResponse, _RaiseEventResponse__Output>
  RerunWorkflowFromEventRequest: MessageTypeDefinition<_RerunWorkflowFromEventRequest, _RerunWorkflowFromEventRequest__Output>
  RerunWorkflowFromEventResponse: MessageTypeDefinition<_RerunWorkflowFromEventResponse, _RerunWorkflowFromEventResponse__Output>
  ResumeRequest: MessageTypeDefinition<_ResumeRequest, _ResumeRequest__Output>
  ResumeResponse: MessageTypeDefinition<_ResumeResponse, _ResumeResponse__Output>
  StalledReason: EnumTypeDefinition
  SuspendRequest: MessageTypeDefinition<_SuspendRequest, _SuspendRequest__Output>
  SuspendResponse: MessageTypeDefinition<_SuspendResponse, _SuspendResponse__Output>
  TaskCompletedEvent: MessageTypeDefinition<_TaskCompletedEvent, _TaskCompletedEvent__Output>
  TaskFailedEvent: MessageTypeDefinition<_TaskFailedEvent, _TaskFailedEvent__Output>
  TaskFailureDetails: MessageTypeDefinition<_TaskFailureDetails, _TaskFailureDetails__Output>
  TaskHubSidecarService: SubtypeConstructor<typeof grpc.Client, _TaskHubSidecarServiceClient> & { service: _TaskHubSidecarServiceDefinition }
  TaskScheduledEvent: MessageTypeDefinition<_TaskScheduledEvent, _TaskScheduledEvent__Output>
  TerminateRequest: MessageTypeDefinition<_TerminateRequest, _TerminateRequest__Output>
  TerminateResponse: MessageTypeDefinition<_TerminateResponse, _TerminateResponse__Output>
  TimerCreatedEvent: MessageTypeDefinition<_TimerCreatedEvent, _TimerCreatedEvent__Output>
  TimerFiredEvent: MessageTypeDefinition<_TimerFiredEvent, _TimerFiredEvent__Output>
  TimerOriginExternalEvent: MessageTypeDefinition<_TimerOriginExternalEvent, _TimerOriginExternalEvent__Output>
  WorkflowState: MessageTypeDefinition<_WorkflowState, _WorkflowState__Output>
  google: {
    protobuf: {
      BoolValue: MessageTypeDefinition<_google_protobuf_BoolValue, _google_protobuf_BoolValue__Output>
      BytesValue: MessageTypeDefinition<_google_protobuf_BytesValue, _google_protobuf_BytesValue__Output>
      DoubleValue: MessageTypeDefinition<_google_protobuf_DoubleValue, _google_protobuf_DoubleValue__Output>
      FloatValue: MessageTypeDefinition<_google_protobuf_FloatValue, _google_protobuf_FloatValue__Output>
      Int32Value: MessageTypeDefinition<_google_protobuf_Int32Value, _google_protobuf_Int32Value__Output>
      Int64Value: MessageTypeDefinition<_google_protobuf_Int64Value, _google_protobuf_Int64Value__Output>
      StringValue: MessageTypeDefinition<_google_protobuf_StringValue, _google_protobuf_StringValue__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
      UInt32Value: MessageTypeDefinition<_google_protobuf_UInt32Value, _google_protobuf_UInt32Value__Output>
      UInt64Value: MessageTypeDefinition<_google_protobuf_UInt64Value, _google_protobuf_UInt64Value__Output>
    }
  }
}

