import { authContract, sessionEventType, type SessionEvent } from '@shop/contracts';
import { AppError, validate, type Authenticator, type GrpcServiceRegistration } from '@shop/service-kit';
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

function toMessage(a: SessionActivity): SessionEvent {
  return { type: sessionEventType.toWire(a.type), user_id: a.userId, family_id: a.familyId, at: a.at, ip: a.ip };
}

export function authGrpcService(deps: GrpcDeps): GrpcServiceRegistration {
  return authContract.implement({
    async ValidateToken(call) {
      const { token } = validate(validateTokenRequest, call.request, 'request');
      const p = await validateToken(deps.sessions, token);
      return { user_id: p.userId, roles: [...p.roles], token_id: p.tokenId, expires_at: String(p.expiresAt) };
    },
    async GetJwks(call) {
      validate(getJwksRequest, call.request, 'request');
      return { json: JSON.stringify(deps.jwks) };
    },
    /** Operators only: an admin access token in the `authorization` metadata. */
    async WatchSessionActivity(call) {
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
  });
}
