import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';

/** 256 random bits, base64url: unguessable, so only its hash needs storing. */
export function newRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 is enough here (no salt, no slow hash): the input is 256 random bits, not a
 * password, and a leaked Redis dump must not hand out usable tokens.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export const refreshTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'must be a refresh token');

/** Brute-force counters are keyed by a hash: emails never appear in Redis keys. */
export function accountKeyOf(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase(), 'utf8').digest('hex').slice(0, 32);
}
