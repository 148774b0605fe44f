import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AuthServiceClient as _auth_v1_AuthServiceClient, AuthServiceDefinition as _auth_v1_AuthServiceDefinition } from './auth/v1/AuthService';
import type { GetJwksRequest as _auth_v1_GetJwksRequest, GetJwksRequest__Output as _auth_v1_GetJwksRequest__Output } from './auth/v1/GetJwksRequest';
import type { Jwks as _auth_v1_Jwks, Jwks__Output as _auth_v1_Jwks__Output } from './auth/v1/Jwks';
import type { Principal as _auth_v1_Principal, Principal__Output as _auth_v1_Principal__Output } from './auth/v1/Principal';
import type { SessionEvent as _auth_v1_SessionEvent, SessionEvent__Output as _auth_v1_SessionEvent__Output } from './auth/v1/SessionEvent';
import type { ValidateTokenRequest as _auth_v1_ValidateTokenRequest, ValidateTokenRequest__Output as _auth_v1_ValidateTokenRequest__Output } from './auth/v1/ValidateTokenRequest';
import type { WatchSessionActivityRequest as _auth_v1_WatchSessionActivityRequest, WatchSessionActivityRequest__Output as _auth_v1_WatchSessionActivityRequest__Output } from './auth/v1/WatchSessionActivityRequest';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  auth: {
    v1: {
      AuthService: SubtypeConstructor<typeof grpc.Client, _auth_v1_AuthServiceClient> & { service: _auth_v1_AuthServiceDefinition }
      GetJwksRequest: MessageTypeDefinition<_auth_v1_GetJwksRequest, _auth_v1_GetJwksRequest__Output>
      Jwks: MessageTypeDefinition<_auth_v1_Jwks, _auth_v1_Jwks__Output>
      Principal: MessageTypeDefinition<_auth_v1_Principal, _auth_v1_Principal__Output>
      SessionEvent: MessageTypeDefinition<_auth_v1_SessionEvent, _auth_v1_SessionEvent__Output>
      SessionEventType: EnumTypeDefinition
      ValidateTokenRequest: MessageTypeDefinition<_auth_v1_ValidateTokenRequest, _auth_v1_ValidateTokenRequest__Output>
      WatchSessionActivityRequest: MessageTypeDefinition<_auth_v1_WatchSessionActivityRequest, _auth_v1_WatchSessionActivityRequest__Output>
    }
  }
}

