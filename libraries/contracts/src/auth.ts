import { defineContract, type ServiceImplementation } from './contract';
import type { AuthServiceClient, AuthServiceHandlers } from './generated/auth/v1/AuthService';

/** auth.v1.AuthService: token validation and keys (called by every verifier), session activity. */
export const authContract = defineContract<AuthServiceClient, AuthServiceHandlers>(
  'auth/v1/auth.proto',
  'auth.v1.AuthService',
);
export type { AuthServiceClient };
export type AuthServiceImplementation = ServiceImplementation<AuthServiceHandlers>;
export type * from './generated/auth/v1/GetJwksRequest';
export type * from './generated/auth/v1/Jwks';
export type * from './generated/auth/v1/Principal';
export type * from './generated/auth/v1/SessionEvent';
export type * from './generated/auth/v1/ValidateTokenRequest';
export type * from './generated/auth/v1/WatchSessionActivityRequest';
