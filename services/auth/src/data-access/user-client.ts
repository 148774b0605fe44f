import {
  userContract,
  userStatus,
  type CoercedFields,
  type User__Output,
  type VerifyCredentialsResponse__Output,
} from '@shop/contracts';
import { AppError, callUnary, createServiceClient, isAppError, validate, type Stoppable } from '@shop/service-kit';
import { z } from 'zod';
import type { Account, UserDirectory } from '../domain/ports';

// Responses are an entry too: a peer's bad answer must not turn into a token. Typed against
// the generated messages (the fields read), so a proto change the schema misses fails tsc.
const userSchema = z.object({
  id: z.string().min(1).max(128),
  roles: z.array(z.string().min(1).max(32)).max(16),
  status: z.enum(userStatus.wire),
}) satisfies z.ZodType<Pick<User__Output, 'id' | 'roles' | 'status'>>;
const verifySchema = z.object({ valid: z.boolean(), user: userSchema.nullable() }) satisfies z.ZodType<
  Pick<VerifyCredentialsResponse__Output, 'valid'> &
    CoercedFields<VerifyCredentialsResponse__Output, 'user', z.output<typeof userSchema> | null>
>;

const toAccount = (u: z.output<typeof userSchema>): Account => ({
  id: u.id,
  roles: u.roles,
  status: userStatus.fromWire(u.status),
});

/** The user service through the local sidecar (app-protocol gRPC: Dapr's gRPC proxying). */
export function createUserDirectory(options: {
  appId: string;
  daprGrpcPort: number;
  host?: string;
}): UserDirectory & Stoppable {
  const client = createServiceClient(userContract.client(), options);
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
