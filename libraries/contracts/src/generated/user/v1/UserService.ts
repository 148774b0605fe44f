// Original file: proto/user/v1/user.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Address as _user_v1_Address, Address__Output as _user_v1_Address__Output } from '../../user/v1/Address';
import type { GetAddressRequest as _user_v1_GetAddressRequest, GetAddressRequest__Output as _user_v1_GetAddressRequest__Output } from '../../user/v1/GetAddressRequest';
import type { GetUserRequest as _user_v1_GetUserRequest, GetUserRequest__Output as _user_v1_GetUserRequest__Output } from '../../user/v1/GetUserRequest';
import type { User as _user_v1_User, User__Output as _user_v1_User__Output } from '../../user/v1/User';
import type { VerifyCredentialsRequest as _user_v1_VerifyCredentialsRequest, VerifyCredentialsRequest__Output as _user_v1_VerifyCredentialsRequest__Output } from '../../user/v1/VerifyCredentialsRequest';
import type { VerifyCredentialsResponse as _user_v1_VerifyCredentialsResponse, VerifyCredentialsResponse__Output as _user_v1_VerifyCredentialsResponse__Output } from '../../user/v1/VerifyCredentialsResponse';

export interface UserServiceClient extends grpc.Client {
  GetAddress(argument: _user_v1_GetAddressRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_Address__Output>): grpc.ClientUnaryCall;
  GetAddress(argument: _user_v1_GetAddressRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_v1_Address__Output>): grpc.ClientUnaryCall;
  GetAddress(argument: _user_v1_GetAddressRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_Address__Output>): grpc.ClientUnaryCall;
  GetAddress(argument: _user_v1_GetAddressRequest, callback: grpc.requestCallback<_user_v1_Address__Output>): grpc.ClientUnaryCall;
  getAddress(argument: _user_v1_GetAddressRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_Address__Output>): grpc.ClientUnaryCall;
  getAddress(argument: _user_v1_GetAddressRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_v1_Address__Output>): grpc.ClientUnaryCall;
  getAddress(argument: _user_v1_GetAddressRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_Address__Output>): grpc.ClientUnaryCall;
  getAddress(argument: _user_v1_GetAddressRequest, callback: grpc.requestCallback<_user_v1_Address__Output>): grpc.ClientUnaryCall;
  
  GetUser(argument: _user_v1_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _user_v1_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _user_v1_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_User__Output>): grpc.ClientUnaryCall;
  GetUser(argument: _user_v1_GetUserRequest, callback: grpc.requestCallback<_user_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _user_v1_GetUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _user_v1_GetUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _user_v1_GetUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_User__Output>): grpc.ClientUnaryCall;
  getUser(argument: _user_v1_GetUserRequest, callback: grpc.requestCallback<_user_v1_User__Output>): grpc.ClientUnaryCall;
  
  VerifyCredentials(argument: _user_v1_VerifyCredentialsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_VerifyCredentialsResponse__Output>): grpc.ClientUnaryCall;
  VerifyCredentials(argument: _user_v1_VerifyCredentialsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_v1_VerifyCredentialsResponse__Output>): grpc.ClientUnaryCall;
  VerifyCredentials(argument: _user_v1_VerifyCredentialsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_VerifyCredentialsResponse__Output>): grpc.ClientUnaryCall;
  VerifyCredentials(argument: _user_v1_VerifyCredentialsRequest, callback: grpc.requestCallback<_user_v1_VerifyCredentialsResponse__Output>): grpc.ClientUnaryCall;
  verifyCredentials(argument: _user_v1_VerifyCredentialsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_VerifyCredentialsResponse__Output>): grpc.ClientUnaryCall;
  verifyCredentials(argument: _user_v1_VerifyCredentialsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_user_v1_VerifyCredentialsResponse__Output>): grpc.ClientUnaryCall;
  verifyCredentials(argument: _user_v1_VerifyCredentialsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_user_v1_VerifyCredentialsResponse__Output>): grpc.ClientUnaryCall;
  verifyCredentials(argument: _user_v1_VerifyCredentialsRequest, callback: grpc.requestCallback<_user_v1_VerifyCredentialsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface UserServiceHandlers extends grpc.UntypedServiceImplementation {
  GetAddress: grpc.handleUnaryCall<_user_v1_GetAddressRequest__Output, _user_v1_Address>;
  
  GetUser: grpc.handleUnaryCall<_user_v1_GetUserRequest__Output, _user_v1_User>;
  
  VerifyCredentials: grpc.handleUnaryCall<_user_v1_VerifyCredentialsRequest__Output, _user_v1_VerifyCredentialsResponse>;
  
}

export interface UserServiceDefinition extends grpc.ServiceDefinition {
  GetAddress: MethodDefinition<_user_v1_GetAddressRequest, _user_v1_Address, _user_v1_GetAddressRequest__Output, _user_v1_Address__Output>
  GetUser: MethodDefinition<_user_v1_GetUserRequest, _user_v1_User, _user_v1_GetUserRequest__Output, _user_v1_User__Output>
  VerifyCredentials: MethodDefinition<_user_v1_VerifyCredentialsRequest, _user_v1_VerifyCredentialsResponse, _user_v1_VerifyCredentialsRequest__Output, _user_v1_VerifyCredentialsResponse__Output>
}
