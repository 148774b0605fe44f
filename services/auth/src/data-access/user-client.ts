import type * as grpc from '@grpc/grpc-js';
import {
  AppError,
  callUnary,
  createServiceClient,
  isAppError,
  loadProto,
  serviceClient,
  validate,
  type Stoppable,
} from '@shop/service-kit';
import { z } from 'zod';
import type { Account, UserDirectory } from '../domain/ports';

export const USER_PROTO = 'user/v1/user.proto';
export const USER_SERVICE = 'user.v1.UserService';

// Responses are an entry too: a peer's bad answer must not turn into a token.
const userSchema = z.object({
  id: z.string().min(1).max(128),
  roles: z.array(z.string().min(1).max(32)).max(16),
  status: z.string(),
});
const verifySchema = z.object({ valid: z.boolean(), user: userSchema.nullish() });

const toAccount = (u: z.output<typeof userSchema>): Account => ({ id: u.id, roles: u.roles, status: u.status });

export function userServiceConstructor(): grpc.ServiceClientConstructor {
  return serviceClient(loadProto(USER_PROTO), USER_SERVICE);
}

/** The user service through the local sidecar (app-protocol gRPC: Dapr's gRPC proxying). */
export function createUserDirectory(options: {
  appId: string;
  daprGrpcPort: number;
  host?: string;
}): UserDirectory & Stoppable {
  const client = createServiceClient(userServiceConstructor(), options);
  return {
    name: 'user-client',
    async verifyCredentials(email, password) {
      let response: unknown;
      try {
        response = await callUnary(client, 'VerifyCredentials', { email, password }, { deadlineMs: 5_000 });
      } catch (err) {
        // The user service's opinion of a malformed email is still "bad credentials" here.
        if (isAppError(err) && err.code === 'VALIDATION_FAILED') return undefined;
        throw err;
      }
      const result = validate(verifySchema, response, 'VerifyCredentials response');
      return result.valid && result.user ? toAccount(result.user) : undefined;
    },
    async getUser(userId) {
      try {
        return toAccount(
          validate(
            userSchema,
            await callUnary(client, 'GetUser', { user_id: userId }, { deadlineMs: 5_000 }),
            'GetUser response',
          ),
        );
      } catch (err) {
        if (isAppError(err) && err.code === 'NOT_FOUND') return undefined;
        if (isAppError(err) && err.code === 'VALIDATION_FAILED')
          throw new AppError('UNAVAILABLE', 'The user service gave an invalid answer', { cause: err });
        throw err;
      }
    },
    async stop() {
      client.close();
    },
  };
}
