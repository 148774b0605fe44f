import type { Redis } from 'ioredis';
import type { RefreshRecord, RotateOutcome, SessionStore } from '../domain/ports';
import { defineScript } from './redis-scripts';

// Keys (under the store's prefix): rt:<sha256> → JSON {f, u, s: active|used};
// fam:<familyId> → hash {u, s: active|revoked}; deny:<jti> → "1" until the token's exp.
const rt = (hash: string) => `rt:${hash}`;
const fam = (familyId: string) => `fam:${familyId}`;

/**
 * One atomic step per refresh: of two parallel refreshes with one token, exactly one sees
 * "active". A token already "used" is reuse: the script revokes its family in the same step.
 * KEYS: old token, new token, family. ARGV: new record JSON, ttl seconds, expected family id.
 */
const ROTATE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 'unknown' end
local rec = cjson.decode(raw)
if rec.f ~= ARGV[3] then return 'unknown' end
if redis.call('HGET', KEYS[3], 's') ~= 'active' then return 'revoked' end
if rec.s ~= 'active' then
  redis.call('HSET', KEYS[3], 's', 'revoked')
  return 'reused'
end
rec.s = 'used'
redis.call('SET', KEYS[1], cjson.encode(rec), 'KEEPTTL')
redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2])
redis.call('EXPIRE', KEYS[3], ARGV[2])
return 'rotated'`;

// Revokes only a family that exists: unknown ids must not create records.
const REVOKE = `
local s = redis.call('HGET', KEYS[1], 's')
if s == 'active' then redis.call('HSET', KEYS[1], 's', 'revoked') return 1 end
return 0`;

const record = (familyId: string, userId: string) => JSON.stringify({ f: familyId, u: userId, s: 'active' });

export function createSessionStore(redis: Redis): SessionStore {
  const rotate = defineScript(redis, 'authRotateRefresh', 3, ROTATE);
  const revoke = defineScript(redis, 'authRevokeFamily', 1, REVOKE);
  return {
    async createSession(familyId, userId, tokenHash, ttlSeconds) {
      await redis
        .multi()
        .hset(fam(familyId), 'u', userId, 's', 'active')
        .expire(fam(familyId), ttlSeconds)
        .set(rt(tokenHash), record(familyId, userId), 'EX', ttlSeconds)
        .exec();
    },
    async findRefresh(tokenHash) {
      const raw = await redis.get(rt(tokenHash));
      if (raw === null) return undefined;
      const parsed = JSON.parse(raw) as { f: string; u: string };
      return { familyId: parsed.f, userId: parsed.u } satisfies RefreshRecord;
    },
    async rotate(oldHash, newHash, rec, ttlSeconds) {
      const outcome = await rotate(
        rt(oldHash),
        rt(newHash),
        fam(rec.familyId),
        record(rec.familyId, rec.userId),
        ttlSeconds,
        rec.familyId,
      );
      return outcome as RotateOutcome;
    },
    async revokeFamily(familyId) {
      return (await revoke(fam(familyId))) === 1;
    },
    async isFamilyRevoked(familyId) {
      return (await redis.hget(fam(familyId), 's')) === 'revoked';
    },
    async denyToken(tokenId, untilEpochSeconds) {
      const ttl = untilEpochSeconds - Math.floor(Date.now() / 1000);
      if (ttl > 0) await redis.set(`deny:${tokenId}`, '1', 'EX', ttl);
    },
    async isTokenDenied(tokenId) {
      return (await redis.exists(`deny:${tokenId}`)) === 1;
    },
  };
}
