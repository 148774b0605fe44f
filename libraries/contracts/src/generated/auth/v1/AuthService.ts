// Original file: proto/auth/v1/auth.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetJwksRequest as _auth_v1_GetJwksRequest, GetJwksRequest__Output as _auth_v1_GetJwksRequest__Output } from '../../auth/v1/GetJwksRequest';
import type { Jwks as _auth_v1_Jwks, Jwks__Output as _auth_v1_Jwks__Output } from '../../auth/v1/Jwks';
import type { Principal as _auth_v1_Principal, Principal__Output as _auth_v1_Principal__Output } from '../../auth/v1/Principal';
import type { SessionEvent as _auth_v1_SessionEvent, SessionEvent__Output as _auth_v1_SessionEvent__Output } from '../../auth/v1/SessionEvent';
import type { ValidateTokenRequest as _auth_v1_ValidateTokenRequest, ValidateTokenRequest__Output as _auth_v1_ValidateTokenRequest__Output } from '../../auth/v1/ValidateTokenRequest';
import type { WatchSessionActivityRequest as _auth_v1_WatchSessionActivityRequest, WatchSessionActivityRequest__Output as _auth_v1_WatchSessionActivityRequest__Output } from '../../auth/v1/WatchSessionActivityRequest';

export interface AuthServiceClient extends grpc.Client {
  GetJwks(argument: _auth_v1_GetJwksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_auth_v1_Jwks__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _auth_v1_GetJwksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_auth_v1_Jwks__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _auth_v1_GetJwksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_auth_v1_Jwks__Output>): grpc.ClientUnaryCall;
  GetJwks(argument: _auth_v1_GetJwksRequest, callback: grpc.requestCallback<_auth_v1_Jwks__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _auth_v1_GetJwksRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_auth_v1_Jwks__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _auth_v1_GetJwksRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_auth_v1_Jwks__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _auth_v1_GetJwksRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_auth_v1_Jwks__Output>): grpc.ClientUnaryCall;
  getJwks(argument: _auth_v1_GetJwksRequest, callback: grpc.requestCallback<_auth_v1_Jwks__Output>): grpc.ClientUnaryCall;
  
  ValidateToken(argument: _auth_v1_ValidateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_auth_v1_Principal__Output>): grpc.ClientUnaryCall;
  ValidateToken(argument: _auth_v1_ValidateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_auth_v1_Principal__Output>): grpc.ClientUnaryCall;
  ValidateToken(argument: _auth_v1_ValidateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_auth_v1_Principal__Output>): grpc.ClientUnaryCall;
  ValidateToken(argument: _auth_v1_ValidateTokenRequest, callback: grpc.requestCallback<_auth_v1_Principal__Output>): grpc.ClientUnaryCall;
  validateToken(argument: _auth_v1_ValidateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_auth_v1_Principal__Output>): grpc.ClientUnaryCall;
  validateToken(argument: _auth_v1_ValidateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_auth_v1_Principal__Output>): grpc.ClientUnaryCall;
  validateToken(argument: _auth_v1_ValidateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_auth_v1_Principal__Output>): grpc.ClientUnaryCall;
  validateToken(argument: _auth_v1_ValidateTokenRequest, callback: grpc.requestCallback<_auth_v1_Principal__Output>): grpc.ClientUnaryCall;
  
  WatchSessionActivity(argument: _auth_v1_WatchSessionActivityRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_auth_v1_SessionEvent__Output>;
  WatchSessionActivity(argument: _auth_v1_WatchSessionActivityRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_auth_v1_SessionEvent__Output>;
  watchSessionActivity(argument: _auth_v1_WatchSessionActivityRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_auth_v1_SessionEvent__Output>;
  watchSessionActivity(argument: _auth_v1_WatchSessionActivityRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_auth_v1_SessionEvent__Output>;
  
}

export interface AuthServiceHandlers extends grpc.UntypedServiceImplementation {
  GetJwks: grpc.handleUnaryCall<_auth_v1_GetJwksRequest__Output, _auth_v1_Jwks>;
  
  ValidateToken: grpc.handleUnaryCall<_auth_v1_ValidateTokenRequest__Output, _auth_v1_Principal>;
  
  WatchSessionActivity: grpc.handleServerStreamingCall<_auth_v1_WatchSessionActivityRequest__Output, _auth_v1_SessionEvent>;
  
}

export interface AuthServiceDefinition extends grpc.ServiceDefinition {
  GetJwks: MethodDefinition<_auth_v1_GetJwksRequest, _auth_v1_Jwks, _auth_v1_GetJwksRequest__Output, _auth_v1_Jwks__Output>
  ValidateToken: MethodDefinition<_auth_v1_ValidateTokenRequest, _auth_v1_Principal, _auth_v1_ValidateTokenRequest__Output, _auth_v1_Principal__Output>
  WatchSessionActivity: MethodDefinition<_auth_v1_WatchSessionActivityRequest, _auth_v1_SessionEvent, _auth_v1_WatchSessionActivityRequest__Output, _auth_v1_SessionEvent__Output>
}
