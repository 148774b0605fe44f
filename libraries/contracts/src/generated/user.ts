import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { Address as _user_v1_Address, Address__Output as _user_v1_Address__Output } from './user/v1/Address';
import type { GetAddressRequest as _user_v1_GetAddressRequest, GetAddressRequest__Output as _user_v1_GetAddressRequest__Output } from './user/v1/GetAddressRequest';
import type { GetUserRequest as _user_v1_GetUserRequest, GetUserRequest__Output as _user_v1_GetUserRequest__Output } from './user/v1/GetUserRequest';
import type { User as _user_v1_User, User__Output as _user_v1_User__Output } from './user/v1/User';
import type { UserServiceClient as _user_v1_UserServiceClient, UserServiceDefinition as _user_v1_UserServiceDefinition } from './user/v1/UserService';
import type { VerifyCredentialsRequest as _user_v1_VerifyCredentialsRequest, VerifyCredentialsRequest__Output as _user_v1_VerifyCredentialsRequest__Output } from './user/v1/VerifyCredentialsRequest';
import type { VerifyCredentialsResponse as _user_v1_VerifyCredentialsResponse, VerifyCredentialsResponse__Output as _user_v1_VerifyCredentialsResponse__Output } from './user/v1/VerifyCredentialsResponse';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  user: {
    v1: {
      Address: MessageTypeDefinition<_user_v1_Address, _user_v1_Address__Output>
      GetAddressRequest: MessageTypeDefinition<_user_v1_GetAddressRequest, _user_v1_GetAddressRequest__Output>
      GetUserRequest: MessageTypeDefinition<_user_v1_GetUserRequest, _user_v1_GetUserRequest__Output>
      User: MessageTypeDefinition<_user_v1_User, _user_v1_User__Output>
      UserService: SubtypeConstructor<typeof grpc.Client, _user_v1_UserServiceClient> & { service: _user_v1_UserServiceDefinition }
      UserStatus: EnumTypeDefinition
      VerifyCredentialsRequest: MessageTypeDefinition<_user_v1_VerifyCredentialsRequest, _user_v1_VerifyCredentialsRequest__Output>
      VerifyCredentialsResponse: MessageTypeDefinition<_user_v1_VerifyCredentialsResponse, _user_v1_VerifyCredentialsResponse__Output>
    }
  }
}

