// What the domain needs from the outside world; data-access implements these.
import type { UserStatus } from '@shop/contracts/statuses';
import type { Principal } from '@shop/service-kit/auth-tokens';

export interface Account {
  readonly id: string;
  readonly roles: readonly string[];
  readonly status: UserStatus;
}

export interface UserDirectory {
  /** undefined for unknown email and wrong password alike. */
  verifyCredentials(email: string, password: string): Promise<Account | undefined>;
  getUser(userId: string): Promise<Account | undefined>;
}

export interface RefreshRecord {
  readonly familyId: string;
  readonly userId: string;
}

export type RotateOutcome = 'rotated' | 'reused' | 'revoked' | 'unknown';

export interface SessionStore {
  createSession(familyId: string, userId: string, tokenHash: string, ttlSeconds: number): Promise<void>;
  findRefresh(tokenHash: string): Promise<RefreshRecord | undefined>;
  /** Atomically consumes the old token and stores the new one; a consumed token revokes its family. */
  rotate(oldHash: string, newHash: string, record: RefreshRecord, ttlSeconds: number): Promise<RotateOutcome>;
  /** true when the family was active until now. */
  revokeFamily(familyId: string): Promise<boolean>;
  isFamilyRevoked(familyId: string): Promise<boolean>;
  denyToken(tokenId: string, untilEpochSeconds: number): Promise<void>;
  isTokenDenied(tokenId: string): Promise<boolean>;
}

export type LimitDecision =
  | { readonly allowed: true; readonly attemptId: string }
  /** `busy`: the address has its limit of attempts open; wait for them and ask again. */
  | { readonly allowed: false; readonly retryAfterSeconds: number; readonly busy?: boolean };

export interface LoginLimiter {
  /** Counts an attempt before it is checked, so parallel guesses cannot slip past the limit. */
  attempt(accountKey: string, ip: string): Promise<LimitDecision>;
  /** A success closes the attempt and clears the account's count: only failures count. */
  succeeded(accountKey: string, ip: string, attemptId: string): Promise<void>;
  /** A failure (or an attempt that could not be checked) closes the attempt and counts. */
  failed(accountKey: string, ip: string, attemptId: string): Promise<void>;
}

export interface EventSink {
  /** `id` becomes the CloudEvent id; `critical` events are retried and failures surface. */
  publish(topic: string, data: object, id: string, critical?: boolean): Promise<void>;
}

export interface AccessTokens {
  sign(request: { userId: string; roles: readonly string[]; sessionId: string }): Promise<{
    token: string;
    tokenId: string;
    expiresAt: number;
    expiresIn: number;
  }>;
  /** Signature and claims only (the Redis denylist is checked by the domain). */
  verify(token: string): Promise<Principal>;
}
