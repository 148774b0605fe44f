import type * as grpc from '@grpc/grpc-js';
import { loadProto, serviceClient } from '../proto';
import { AUTH_PROTO, AUTH_SERVICE } from './token-format';

/** The generated client constructor of auth.v1.AuthService (for createServiceClient). */
export function authClientConstructor(): grpc.ServiceClientConstructor {
  return serviceClient(loadProto(AUTH_PROTO), AUTH_SERVICE);
}

/** The service definition, for the auth service's own gRPC server. */
export function authServiceDefinition(): grpc.ServiceDefinition {
  return authClientConstructor().service;
}

/** auth.v1.Principal as proto-loader hands it over (snake_case, int64 as string). */
export interface PrincipalMessage {
  readonly user_id: string;
  readonly roles: string[];
  readonly token_id: string;
  readonly expires_at: string;
}
