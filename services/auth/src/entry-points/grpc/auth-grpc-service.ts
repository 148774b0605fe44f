import type * as grpc from '@grpc/grpc-js';
import {
  AppError,
  authServiceDefinition,
  validate,
  type Authenticator,
  type GrpcServiceRegistration,
  type PrincipalMessage,
} from '@shop/service-kit';
import type { ActivityFeed, SessionActivity } from '../../domain/activity';
import { validateToken, type SessionDeps } from '../../domain/use-cases/sessions';
import { getJwksRequest, validateTokenRequest, watchRequest } from './schemas';

export interface GrpcDeps {
  readonly sessions: SessionDeps;
  readonly activity: ActivityFeed;
  readonly authenticator: Authenticator;
  readonly jwks: object;
}

// A watcher that stops reading must not make this process buffer without bound.
const MAX_BUFFERED = 1_000;

function toMessage(a: SessionActivity) {
  return { type: a.type, user_id: a.userId, family_id: a.familyId, at: a.at, ip: a.ip };
}

export function authGrpcService(deps: GrpcDeps): GrpcServiceRegistration {
  return {
    definition: authServiceDefinition(),
    implementation: {
      async ValidateToken(call: grpc.ServerUnaryCall<unknown, PrincipalMessage>): Promise<PrincipalMessage> {
        const { token } = validate(validateTokenRequest, call.request, 'request');
        const p = await validateToken(deps.sessions, token);
        return { user_id: p.userId, roles: [...p.roles], token_id: p.tokenId, expires_at: String(p.expiresAt) };
      },
      async GetJwks(call: grpc.ServerUnaryCall<unknown, { json: string }>) {
        validate(getJwksRequest, call.request, 'request');
        return { json: JSON.stringify(deps.jwks) };
      },
      /** Operators only: an admin access token in the `authorization` metadata. */
      async WatchSessionActivity(call: grpc.ServerWritableStream<unknown, unknown>) {
        const { user_id: userId } = validate(watchRequest, call.request, 'request');
        const principal = await deps.authenticator.fromGrpc(call.metadata);
        if (!principal.roles.includes('admin')) throw new AppError('FORBIDDEN', 'Session activity is for admins');
        await new Promise<void>((resolve) => {
          const unsubscribe = deps.activity.subscribe(userId, (activity) => {
            if (call.writableLength > MAX_BUFFERED) return; // slow reader: drop, never block logins
            call.write(toMessage(activity));
          });
          const done = () => {
            unsubscribe();
            resolve();
          };
          call.once('cancelled', done);
          call.once('close', done);
          call.once('error', done);
        });
      },
    },
  };
}
