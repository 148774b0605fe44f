import type { ServerUnaryCall } from '@grpc/grpc-js';
import { loadProto, serviceClient, validate, type GrpcServiceRegistration } from '@shop/service-kit';
import { z } from 'zod';
import { addressIdSchema, type Address } from '../../domain/address';
import type { UserDeps } from '../../domain/ports';
import { getAddressOf } from '../../domain/use-cases/addresses';
import { verifyCredentials } from '../../domain/use-cases/credentials';
import { findAccount } from '../../domain/use-cases/profile';
import { userIdSchema, type Account } from '../../domain/user';

export const USER_PROTO = 'user/v1/user.proto';
export const USER_SERVICE = 'user.v1.UserService';

// proto-loader fills absent fields with defaults, so these check values, not presence.
const verifyCredentialsRequest = z.object({
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});
const getUserRequest = z.object({ user_id: userIdSchema });
const getAddressRequest = z.object({ user_id: userIdSchema, address_id: addressIdSchema });

/** proto3 strings have no null: a deleted account's email and name travel as ''. */
const userMessage = (a: Account) => ({
  id: a.id,
  email: a.email ?? '',
  name: a.name ?? '',
  roles: [...a.roles],
  status: a.status,
  created_at: a.createdAt.toISOString(),
  updated_at: a.updatedAt.toISOString(),
});

const addressMessage = (a: Address) => ({
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
  return {
    definition: serviceClient(loadProto(USER_PROTO), USER_SERVICE).service,
    implementation: {
      async VerifyCredentials(call: ServerUnaryCall<unknown, unknown>) {
        const { email, password } = validate(verifyCredentialsRequest, call.request, 'request');
        const user = await verifyCredentials(deps, email, password);
        return user ? { valid: true, user: userMessage({ ...user, passwordHash: null }) } : { valid: false };
      },
      async GetUser(call: ServerUnaryCall<unknown, unknown>) {
        const { user_id } = validate(getUserRequest, call.request, 'request');
        return userMessage(await findAccount(deps, user_id));
      },
      async GetAddress(call: ServerUnaryCall<unknown, unknown>) {
        const { user_id, address_id } = validate(getAddressRequest, call.request, 'request');
        return addressMessage(await getAddressOf(deps, user_id, address_id));
      },
    },
  };
}
