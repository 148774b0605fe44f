import { defineContract, type ServiceImplementation } from './contract';
import type { UserServiceClient, UserServiceHandlers } from './generated/user/v1/UserService';

/** user.v1.UserService: credentials (called by auth) and address snapshots (called by order). */
export const userContract = defineContract<UserServiceClient, UserServiceHandlers>(
  'user/v1/user.proto',
  'user.v1.UserService',
);
export type { UserServiceClient };
export type UserServiceImplementation = ServiceImplementation<UserServiceHandlers>;
export type * from './generated/user/v1/Address';
export type * from './generated/user/v1/GetAddressRequest';
export type * from './generated/user/v1/GetUserRequest';
export type * from './generated/user/v1/User';
export type * from './generated/user/v1/VerifyCredentialsRequest';
export type * from './generated/user/v1/VerifyCredentialsResponse';
