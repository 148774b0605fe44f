// Original file: proto/durabletask/durabletask-subset.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetInstanceHistoryRequest as _GetInstanceHistoryRequest, GetInstanceHistoryRequest__Output as _GetInstanceHistoryRequest__Output } from './GetInstanceHistoryRequest';
import type { GetInstanceHistoryResponse as _GetInstanceHistoryResponse, GetInstanceHistoryResponse__Output as _GetInstanceHistoryResponse__Output } from './GetInstanceHistoryResponse';
import type { GetInstanceRequest as _GetInstanceRequest, GetInstanceRequest__Output as _GetInstanceRequest__Output } from './GetInstanceRequest';
import type { GetInstanceResponse as _GetInstanceResponse, GetInstanceResponse__Output as _GetInstanceResponse__Output } from './GetInstanceResponse';
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
import type { TerminateRequest as _TerminateRequest, TerminateRequest__Output as _TerminateRequest__Output } from './TerminateRequest';
import type { TerminateResponse as _TerminateResponse, TerminateResponse__Output as _TerminateResponse__Output } from './TerminateResponse';

export interface TaskHubSidecarServiceClient extends grpc.Client {
  GetInstance(argument: _GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  GetInstance(argument: _GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  GetInstance(argument: _GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  GetInstance(argument: _GetInstanceRequest, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _GetInstanceRequest, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  
  GetInstanceHistory(argument: _GetInstanceHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetInstanceHistory(argument: _GetInstanceHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetInstanceHistory(argument: _GetInstanceHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetInstanceHistory(argument: _GetInstanceHistoryRequest, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _GetInstanceHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _GetInstanceHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _GetInstanceHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _GetInstanceHistoryRequest, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  
  ListInstanceIDs(argument: _ListInstanceIDsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  ListInstanceIDs(argument: _ListInstanceIDsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  ListInstanceIDs(argument: _ListInstanceIDsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  ListInstanceIDs(argument: _ListInstanceIDsRequest, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  listInstanceIDs(argument: _ListInstanceIDsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  listInstanceIDs(argument: _ListInstanceIDsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  listInstanceIDs(argument: _ListInstanceIDsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  listInstanceIDs(argument: _ListInstanceIDsRequest, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  
  PurgeInstances(argument: _PurgeInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  PurgeInstances(argument: _PurgeInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  PurgeInstances(argument: _PurgeInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  PurgeInstances(argument: _PurgeInstancesRequest, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  purgeInstances(argument: _PurgeInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  purgeInstances(argument: _PurgeInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  purgeInstances(argument: _PurgeInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  purgeInstances(argument: _PurgeInstancesRequest, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  
  RaiseEvent(argument: _RaiseEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  RaiseEvent(argument: _RaiseEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  RaiseEvent(argument: _RaiseEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  RaiseEvent(argument: _RaiseEventRequest, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  raiseEvent(argument: _RaiseEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  raiseEvent(argument: _RaiseEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  raiseEvent(argument: _RaiseEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  raiseEvent(argument: _RaiseEventRequest, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  
  RerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  RerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  RerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  RerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  rerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  rerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  rerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  rerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  
  ResumeInstance(argument: _ResumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _ResumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _ResumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _ResumeRequest, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _ResumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _ResumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _ResumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _ResumeRequest, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  
  SuspendInstance(argument: _SuspendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  SuspendInstance(argument: _SuspendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  SuspendInstance(argument: _SuspendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  SuspendInstance(argument: _SuspendRequest, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  suspendInstance(argument: _SuspendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  suspendInstance(argument: _SuspendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  suspendInstance(argument: _SuspendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  suspendInstance(argument: _SuspendRequest, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  
  TerminateInstance(argument: _TerminateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  TerminateInstance(argument: _TerminateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  TerminateInstance(argument: _TerminateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  TerminateInstance(argument: _TerminateRequest, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  terminateInstance(argument: _TerminateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  terminateInstance(argument: _TerminateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  terminateInstance(argument: _TerminateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  terminateInstance(argument: _TerminateRequest, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface TaskHubSidecarServiceHandlers extends grpc.UntypedServiceImplementation {
  GetInstance: grpc.handleUnaryCall<_GetInstanceRequest__Output, _GetInstanceResponse>;
  
  GetInstanceHistory: grpc.handleUnaryCall<_GetInstanceHistoryRequest__Output, _GetInstanceHistoryResponse>;
  
  ListInstanceIDs: grpc.handleUnaryCall<_ListInstanceIDsRequest__Output, _ListInstanceIDsResponse>;
  
  PurgeInstances: grpc.handleUnaryCall<_PurgeInstancesRequest__Output, _PurgeInstancesResponse>;
  
  RaiseEvent: grpc.handleUnaryCall<_RaiseEventRequest__Output, _RaiseEventResponse>;
  
  RerunWorkflowFromEvent: grpc.handleUnaryCall<_RerunWorkflowFromEventRequest__Output, _RerunWorkflowFromEventResponse>;
  
  ResumeInstance: grpc.handleUnaryCall<_ResumeRequest__Output, _ResumeResponse>;
  
  SuspendInstance: grpc.handleUnaryCall<_SuspendRequest__Output, _SuspendResponse>;
  
  TerminateInstance: grpc.handleUnaryCall<_TerminateRequest__Output, _TerminateResponse>;
  
}

export interface TaskHubSidecarServiceDefinition extends grpc.ServiceDefinition {
  GetInstance: MethodDefinition<_GetInstanceRequest, _GetInstanceResponse, _GetInstanceRequest__Output, _GetInstanceResponse__Output>
  GetInstanceHistory: MethodDefinition<_GetInstanceHistoryRequest, _GetInstanceHistoryResponse, _GetInstanceHistoryRequest__Output, _GetInstanceHistoryResponse__Output>
  ListInstanceIDs: MethodDefinition<_ListInstanceIDsRequest, _ListInstanceIDsResponse, _ListInstanceIDsRequest__Output, _ListInstanceIDsResponse__Output>
  PurgeInstances: MethodDefinition<_PurgeInstancesRequest, _PurgeInstancesResponse, _PurgeInstancesRequest__Output, _PurgeInstancesResponse__Output>
  RaiseEvent: MethodDefinition<_RaiseEventRequest, _RaiseEventResponse, _RaiseEventRequest__Output, _RaiseEventResponse__Output>
  RerunWorkflowFromEvent: MethodDefinition<_RerunWorkflowFromEventRequest, _RerunWorkflowFromEventResponse, _RerunWorkflowFromEventRequest__Output, _RerunWorkflowFromEventResponse__Output>
  ResumeInstance: MethodDefinition<_ResumeRequest, _ResumeResponse, _ResumeRequest__Output, _ResumeResponse__Output>
  SuspendInstance: MethodDefinition<_SuspendRequest, _SuspendResponse, _SuspendRequest__Output, _SuspendResponse__Output>
  TerminateInstance: MethodDefinition<_TerminateRequest, _TerminateResponse, _TerminateRequest__Output, _TerminateResponse__Output>
}
