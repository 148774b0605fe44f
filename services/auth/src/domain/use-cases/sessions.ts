import { randomUUID } from 'node:crypto';
import { ACCESS_TOKEN, type Principal } from '@shop/service-kit/auth-tokens';
import { AppError } from '@shop/service-kit/errors';
import { retry } from '@shop/service-kit/retry';
import type { Logger } from '@shop/service-kit/log';
import type { ActivityFeed } from '../activity';
import type { AccessTokens, Account, EventSink, LoginLimiter, SessionStore, UserDirectory } from '../ports';
import { accountKeyOf, hashToken, newRefreshToken } from '../refresh-token';
import { familyRevocationExpiry, sessionEvents } from '../session-events';

export interface SessionDeps {
  readonly users: UserDirectory;
  readonly store: SessionStore;
  readonly limiter: LoginLimiter;
  readonly tokens: AccessTokens;
  readonly events: EventSink;
  readonly activity: ActivityFeed;
  readonly logger: Logger;
  readonly refreshTtlSeconds: number;
  /** How long a login may wait for its address's open attempts to finish before 429. */
  readonly loginQueueMs?: number;
}

export interface TokenPair {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly tokenType: 'Bearer';
  readonly expiresIn: number;
}

// One answer for every credential problem: unknown email, wrong password, disabled account.
const badCredentials = () => new AppError('UNAUTHENTICATED', 'Invalid email or password');
const badRefresh = () => new AppError('UNAUTHENTICATED', 'The refresh token is invalid, expired or revoked');

// Informational events must not fail a login; revocations (critical) do surface.
const bestEffort = (deps: SessionDeps, what: string, p: Promise<void>) =>
  p.catch((err: unknown) => deps.logger.warn('session event not published', { event: what, err }));

async function issue(deps: SessionDeps, account: Account, familyId: string, refreshToken: string) {
  const access = await deps.tokens.sign({ userId: account.id, roles: account.roles, sessionId: familyId });
  const pair: TokenPair = {
    accessToken: access.token,
    refreshToken,
    tokenType: 'Bearer',
    expiresIn: access.expiresIn,
  };
  return { access, pair };
}

/** Waits (bounded) while the address has its limit of attempts open: many shoppers behind one address queue. */
async function admit(deps: SessionDeps, accountKey: string, ip: string) {
  const queued = new Error('the address has its limit of attempts open');
  let gate: Awaited<ReturnType<typeof deps.limiter.attempt>> | undefined;
  try {
    return await retry(
      async () => {
        gate = await deps.limiter.attempt(accountKey, ip);
        if (!gate.allowed && gate.busy) throw queued;
        return gate;
      },
      {
        backoff: { initialMs: 50, maxMs: 50, factor: 1, jitter: 'equal' },
        retryIf: (err) => err === queued,
        signal: AbortSignal.timeout(deps.loginQueueMs ?? 10_000),
      },
    );
  } catch (err) {
    if (err === queued && gate) return gate;
    throw err;
  }
}

export async function login(deps: SessionDeps, email: string, password: string, ip: string): Promise<TokenPair> {
  const events = sessionEvents(deps.events);
  const accountKey = accountKeyOf(email);
  const gate = await admit(deps, accountKey, ip);
  if (!gate.allowed) {
    deps.activity.emit({ type: 'locked_out', userId: '', familyId: '', ip });
    throw new AppError(
      'RATE_LIMITED',
      gate.busy
        ? 'Too many sign-ins from this address at once; try again shortly'
        : 'Too many failed login attempts; try again later',
      {
        retryAfterSeconds: gate.retryAfterSeconds,
      },
    );
  }
  let account: Account | undefined;
  try {
    // No shortcut for unknown accounts: the user service does the same work for both.
    account = await deps.users.verifyCredentials(email, password);
  } finally {
    // An attempt that could not be checked counts as failed: never a free guess.
    if (!account || account.status !== 'active') await deps.limiter.failed(accountKey, ip, gate.attemptId);
  }
  if (!account || account.status !== 'active') {
    deps.activity.emit({ type: 'login_failed', userId: '', familyId: '', ip });
    throw badCredentials();
  }
  await deps.limiter.succeeded(accountKey, ip, gate.attemptId);
  const familyId = randomUUID();
  const refreshToken = newRefreshToken();
  await deps.store.createSession(familyId, account.id, hashToken(refreshToken), deps.refreshTtlSeconds);
  const { pair } = await issue(deps, account, familyId, refreshToken);
  await bestEffort(deps, 'login', events.login(account.id, familyId));
  deps.activity.emit({ type: 'login', userId: account.id, familyId, ip });
  deps.logger.info('session started', { sessionUserId: account.id });
  return pair;
}

export async function refresh(deps: SessionDeps, refreshToken: string, ip: string): Promise<TokenPair> {
  const events = sessionEvents(deps.events);
  const oldHash = hashToken(refreshToken);
  const record = await deps.store.findRefresh(oldHash);
  if (!record) throw badRefresh();
  // Read the account first: if the user service is down nothing is consumed (503, retry works),
  // and a demoted or disabled account gets its current roles or no token at all.
  const account = await deps.users.getUser(record.userId);
  const next = newRefreshToken();
  const outcome = await deps.store.rotate(oldHash, hashToken(next), record, deps.refreshTtlSeconds);
  if (outcome === 'reused') {
    deps.logger.warn('refresh token reuse detected; session revoked', { sessionUserId: record.userId });
    deps.activity.emit({ type: 'reuse_detected', userId: record.userId, familyId: record.familyId, ip });
    await bestEffort(deps, 'reuse_detected', events.reuseDetected(record.userId, record.familyId));
    await events
      .revoked({
        familyId: record.familyId,
        userId: record.userId,
        expiresAt: familyRevocationExpiry(),
        reason: 'reuse_detected',
      })
      .catch((err: unknown) => deps.logger.error('revocation not published', { err }));
    throw badRefresh();
  }
  if (outcome !== 'rotated') throw badRefresh();
  if (!account || account.status !== 'active') {
    await deps.store.revokeFamily(record.familyId);
    throw badRefresh();
  }
  const { access, pair } = await issue(deps, account, record.familyId, next);
  await bestEffort(deps, 'refreshed', events.refreshed(account.id, record.familyId, access.tokenId));
  deps.activity.emit({ type: 'refresh', userId: account.id, familyId: record.familyId, ip });
  return pair;
}

/**
 * Idempotent: the access token's signature is checked but not the denylist, so a logout
 * whose revocation event failed to publish (503) can simply be retried.
 */
export async function logout(
  deps: SessionDeps,
  principal: Principal,
  refreshToken: string | undefined,
  ip: string,
): Promise<void> {
  const events = sessionEvents(deps.events);
  const until = principal.expiresAt + ACCESS_TOKEN.clockToleranceSeconds;
  await deps.store.denyToken(principal.tokenId, until);
  const families = new Set<string>();
  if (principal.sessionId) families.add(principal.sessionId);
  if (refreshToken !== undefined) {
    const record = await deps.store.findRefresh(hashToken(refreshToken));
    // Another user's token is ignored without a word: logout must not become an oracle.
    if (record?.userId === principal.userId) families.add(record.familyId);
  }
  for (const familyId of families) await deps.store.revokeFamily(familyId);
  await events.revoked({
    tokenId: principal.tokenId,
    ...(principal.sessionId ? { familyId: principal.sessionId } : {}),
    userId: principal.userId,
    expiresAt: Math.max(principal.expiresAt, familyRevocationExpiry()),
    reason: 'logout',
  });
  for (const familyId of families) {
    if (familyId === principal.sessionId) continue;
    await events.revoked({
      familyId,
      userId: principal.userId,
      expiresAt: familyRevocationExpiry(),
      reason: 'logout',
    });
  }
  await bestEffort(deps, 'logout', events.logout(principal.userId, principal.sessionId, principal.tokenId));
  deps.activity.emit({ type: 'logout', userId: principal.userId, familyId: principal.sessionId ?? '', ip });
}

/** ValidateToken: signature and claims, then the authoritative Redis denylist. */
export async function validateToken(deps: SessionDeps, token: string): Promise<Principal> {
  const principal = await deps.tokens.verify(token);
  const denied =
    (await deps.store.isTokenDenied(principal.tokenId)) ||
    (principal.sessionId !== undefined && (await deps.store.isFamilyRevoked(principal.sessionId)));
  if (denied) throw new AppError('UNAUTHENTICATED', 'The access token is invalid, expired or revoked');
  return principal;
}
