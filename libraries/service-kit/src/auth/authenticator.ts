import type * as grpc from '@grpc/grpc-js';
import { trace } from '@opentelemetry/api';
import { authContract, type AuthServiceClient, type Principal__Output } from '@shop/contracts';
import type { RequestHandler } from 'express';
import { errors as joseErrors, jwtVerify } from 'jose';
import { setCurrentUserId } from '../context';
import { AppError, isAppError } from '../errors';
import { defineSubscription, type Subscription } from '../events';
import { callUnary, createServiceClient } from '../invoke';
import type { Stoppable } from '../lifecycle';
import type { Logger } from '../logger';
import { parseBearer } from './bearer';
import { createDenylist, type Denylist } from './denylist';
import { requireAuthMiddleware, requireRoleMiddleware } from './express';
import { createJwksCache, type JwksCache } from './jwks-cache';
import {
  ACCESS_TOKEN,
  accessClaimsSchema,
  AUTH_APP_ID,
  PUBSUB_NAME,
  SESSION_REVOKED_TOPIC,
  sessionRevokedSchema,
  type Principal,
  type Role,
} from './token-format';

export interface VerifyOptions {
  /** Also ask auth (ValidateToken) — for rare, high-value operations; costs a hop through Dapr. */
  readonly remote?: boolean;
}

export interface Authenticator extends Stoppable {
  /** Throws AppError UNAUTHENTICATED on any token problem, UNAVAILABLE when no keys can be had. */
  verify(token: string, options?: VerifyOptions): Promise<Principal>;
  requireAuth(): RequestHandler;
  requireRole(role: Role): RequestHandler;
  /** Verifies the `authorization` metadata of an incoming gRPC call and records the user id. */
  fromGrpc(metadata: grpc.Metadata): Promise<Principal>;
  /** Add to the service's appCallback subscriptions: it feeds the local denylist. */
  readonly revocations: Subscription;
  /** Loads the JWKS now (optional warm-up at start); false when auth did not answer. */
  warmUp(): Promise<boolean>;
}

export interface AuthenticatorOptions {
  readonly logger: Logger;
  readonly daprGrpcPort: number;
  readonly daprHost?: string;
  readonly authAppId?: string;
  readonly pubsubName?: string;
  /** 'events' (default): revocations arrive via session.revoked; 'always-remote': every verify also calls ValidateToken. */
  readonly revocationCheck?: 'events' | 'always-remote';
  // Test hooks: replace the calls through Dapr and the clock.
  readonly fetchJwks?: () => Promise<unknown>;
  readonly validateRemotely?: (token: string) => Promise<Principal>;
  readonly now?: () => number;
  readonly minRefetchIntervalMs?: number;
}

const invalid = () => new AppError('UNAUTHENTICATED', 'The access token is invalid, expired or revoked');

function reasonOf(err: unknown): string {
  if (err instanceof joseErrors.JOSEError) return err.code;
  if (isAppError(err)) return err.detail;
  return 'malformed';
}

export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const { logger } = options;
  const now = options.now ?? Date.now;
  const denylist: Denylist = createDenylist(now);
  let client: AuthServiceClient | undefined;
  const authClient = () =>
    (client ??= createServiceClient(authContract.client(), {
      appId: options.authAppId ?? AUTH_APP_ID,
      daprGrpcPort: options.daprGrpcPort,
      ...(options.daprHost ? { host: options.daprHost } : {}),
    }));

  const fetchJwks =
    options.fetchJwks ??
    (async () => JSON.parse((await callUnary(authClient(), 'GetJwks', {}, { deadlineMs: 3_000 })).json) as unknown);
  const validateRemotely =
    options.validateRemotely ??
    (async (token: string): Promise<Principal> => {
      let p: Principal__Output;
      try {
        p = await callUnary(authClient(), 'ValidateToken', { token }, { deadlineMs: 2_000 });
      } catch (err) {
        // Only auth's own verdict is a 401; a broken hop (open breaker, timeout) is an outage.
        if (isAppError(err) && err.code === 'UNAUTHENTICATED') throw err;
        throw new AppError('UNAVAILABLE', 'Token validation is unavailable', { cause: err });
      }
      return { userId: p.user_id, roles: p.roles, tokenId: p.token_id, expiresAt: Number(p.expires_at) };
    });
  const jwks: JwksCache = createJwksCache({
    fetchJwks,
    logger,
    now,
    ...(options.minRefetchIntervalMs === undefined ? {} : { minRefetchIntervalMs: options.minRefetchIntervalMs }),
  });

  async function verifyLocally(token: string): Promise<Principal> {
    if (token.length > ACCESS_TOKEN.maxLength) throw invalid();
    const { payload } = await jwtVerify(
      token,
      (header) => {
        if (typeof header.kid !== 'string') throw invalid();
        return jwks.keyFor(header.kid);
      },
      {
        algorithms: [ACCESS_TOKEN.alg],
        typ: ACCESS_TOKEN.typ,
        issuer: ACCESS_TOKEN.issuer,
        audience: ACCESS_TOKEN.audience,
        clockTolerance: ACCESS_TOKEN.clockToleranceSeconds,
        maxTokenAge: ACCESS_TOKEN.ttlSeconds + ACCESS_TOKEN.clockToleranceSeconds,
        requiredClaims: ['sub', 'jti', 'iat', 'nbf', 'exp'],
        currentDate: new Date(now()),
      },
    );
    const claims = accessClaimsSchema.parse(payload);
    // A lifetime longer than ours means a token we did not issue the normal way.
    if (claims.exp - claims.iat > ACCESS_TOKEN.ttlSeconds) throw new AppError('UNAUTHENTICATED', 'lifetime too long');
    if (denylist.has('token', claims.jti) || (claims.sid !== undefined && denylist.has('session', claims.sid))) {
      throw new AppError('UNAUTHENTICATED', 'revoked');
    }
    return {
      userId: claims.sub,
      roles: claims.roles,
      tokenId: claims.jti,
      expiresAt: claims.exp,
      ...(claims.sid === undefined ? {} : { sessionId: claims.sid }),
    };
  }

  async function verify(token: string, verifyOptions: VerifyOptions = {}): Promise<Principal> {
    let principal: Principal;
    try {
      principal = await verifyLocally(token);
      if (verifyOptions.remote || options.revocationCheck === 'always-remote') await validateRemotely(token);
    } catch (err) {
      if (isAppError(err) && err.code === 'UNAVAILABLE') throw err;
      // The reason helps operators; the token itself is never logged, the client gets one answer.
      logger.info('access token rejected', { reason: reasonOf(err) });
      throw invalid();
    }
    setCurrentUserId(principal.userId);
    trace.getActiveSpan()?.setAttribute('enduser.id', principal.userId);
    return principal;
  }

  const revocations = defineSubscription({
    pubsubName: options.pubsubName ?? PUBSUB_NAME,
    topic: SESSION_REVOKED_TOPIC,
    schema: sessionRevokedSchema,
    async handler(event) {
      // Kept past exp by the clock tolerance, since verification accepts that much skew too.
      const until = event.expiresAt + ACCESS_TOKEN.clockToleranceSeconds;
      if (event.tokenId !== undefined) denylist.add('token', event.tokenId, until);
      if (event.familyId !== undefined) denylist.add('session', event.familyId, until);
      const lagMs = event.revokedAt === undefined ? undefined : now() - event.revokedAt;
      logger.info('session revocation applied', { revokedUserId: event.userId, reason: event.reason, lagMs });
    },
  });

  const authenticator: Authenticator = {
    name: 'authenticator',
    verify,
    revocations,
    warmUp: () => jwks.refresh(),
    requireAuth: () => requireAuthMiddleware(verify),
    requireRole: (role) => requireRoleMiddleware(role),
    async fromGrpc(metadata) {
      const [header] = metadata.get('authorization');
      const bearer = parseBearer(typeof header === 'string' ? header : undefined);
      if (bearer.kind === 'missing') throw new AppError('UNAUTHENTICATED', 'An access token is required');
      if (bearer.kind === 'malformed') throw invalid();
      return verify(bearer.token);
    },
    async stop() {
      client?.close();
    },
  };
  return authenticator;
}
