import {
  userContract,
  userStatus,
  type Address as AddressMessage,
  type GetAddressRequest__Output,
  type GetUserRequest__Output,
  type User as UserMessage,
  type VerifyCredentialsRequest__Output,
} from '@shop/contracts';
import { validate, type GrpcServiceRegistration } from '@shop/service-kit';
import { z } from 'zod';
import { addressIdSchema, type Address } from '../../domain/address';
import type { UserDeps } from '../../domain/ports';
import { getAddressOf } from '../../domain/use-cases/addresses';
import { verifyCredentials } from '../../domain/use-cases/credentials';
import { findAccount } from '../../domain/use-cases/profile';
import { userIdSchema, type Account } from '../../domain/user';

// proto-loader fills absent fields with defaults, so these check values, not presence. Typed
// against the generated messages: a field the proto gains or renames fails tsc here.
const verifyCredentialsRequest = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
}) satisfies z.ZodType<VerifyCredentialsRequest__Output>;
const getUserRequest = z.object({ user_id: userIdSchema }) satisfies z.ZodType<GetUserRequest__Output>;
const getAddressRequest = z.object({
  user_id: userIdSchema,
  address_id: addressIdSchema,
}) satisfies z.ZodType<GetAddressRequest__Output>;

/** proto3 strings have no null: a deleted account's email and name travel as ''. */
const userMessage = (a: Account): UserMessage => ({
  id: a.id,
  email: a.email ?? '',
  name: a.name ?? '',
  roles: [...a.roles],
  status: userStatus.toWire(a.status),
  created_at: a.createdAt.toISOString(),
  updated_at: a.updatedAt.toISOString(),
});

const addressMessage = (a: Address): AddressMessage => ({
  id: a.id,
  user_id: a.userId,
  recipient: a.recipient,
  line1: a.line1,
  line2: a.line2 ?? '',
  city: a.city,
  region: a.region ?? '',
  postal_code: a.postalCode,
  country: a.country,
  phone: a.phone ?? '',
  is_default: a.isDefault,
});

/**
 * user.v1.UserService, called through Dapr by auth (credentials) and order (addresses). The
 * callers are services, not end users: Dapr's mTLS and access policies decide who may call.
 */
export function userGrpcService(deps: UserDeps): GrpcServiceRegistration {
  return userContract.implement({
    async VerifyCredentials(call) {
      const { email, password } = validate(verifyCredentialsRequest, call.request, 'request');
      const user = await verifyCredentials(deps, email, password);
      return user ? { valid: true, user: userMessage({ ...user, passwordHash: null }) } : { valid: false };
    },
    async GetUser(call) {
      const { user_id } = validate(getUserRequest, call.request, 'request');
      return userMessage(await findAccount(deps, user_id));
    },
    async GetAddress(call) {
      const { user_id, address_id } = validate(getAddressRequest, call.request, 'request');
      return addressMessage(await getAddressOf(deps, user_id, address_id));
    },
  });
}
