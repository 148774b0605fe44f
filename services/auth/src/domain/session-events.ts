import { ACCESS_TOKEN, SESSION_REVOKED_TOPIC, type SessionRevoked } from '@shop/service-kit/auth-tokens';
import type { EventSink } from './ports';

/**
 * Pub/sub facts about sessions. Ids are derived from the fact (family, token id), so a retried
 * publish carries the same CloudEvent id and subscribers de-duplicate it.
 */
export const TOPICS = {
  login: 'session.login',
  logout: 'session.logout',
  refreshed: 'session.refreshed',
  reuseDetected: 'session.reuse_detected',
  revoked: SESSION_REVOKED_TOPIC,
} as const;

export function sessionEvents(sink: EventSink) {
  const at = () => new Date().toISOString();
  return {
    login: (userId: string, familyId: string) =>
      sink.publish(TOPICS.login, { userId, familyId, at: at() }, `${TOPICS.login}:${familyId}`),
    refreshed: (userId: string, familyId: string, tokenId: string) =>
      sink.publish(TOPICS.refreshed, { userId, familyId, at: at() }, `${TOPICS.refreshed}:${tokenId}`),
    logout: (userId: string, familyId: string | undefined, tokenId: string) =>
      sink.publish(
        TOPICS.logout,
        { userId, ...(familyId ? { familyId } : {}), at: at() },
        `${TOPICS.logout}:${tokenId}`,
      ),
    reuseDetected: (userId: string, familyId: string) =>
      sink.publish(TOPICS.reuseDetected, { userId, familyId, at: at() }, `${TOPICS.reuseDetected}:${familyId}`),
    /** Critical: this is what makes every service reject the tokens within a second. */
    revoked: (event: Omit<SessionRevoked, 'revokedAt'>) =>
      sink.publish(
        TOPICS.revoked,
        { ...event, revokedAt: Date.now() } satisfies SessionRevoked,
        `${TOPICS.revoked}:${event.tokenId ?? `family:${event.familyId}`}`,
        true,
      ),
  };
}

/** Until when a family revocation must be remembered: its newest access token's lifetime. */
export const familyRevocationExpiry = (nowMs = Date.now()): number =>
  Math.floor(nowMs / 1000) + ACCESS_TOKEN.ttlSeconds;
