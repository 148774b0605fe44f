import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { LimitDecision, LoginLimiter } from '../domain/ports';
import { defineScript } from './redis-scripts';

export interface LimiterSettings {
  readonly windowSeconds: number;
  readonly maxPerAccountIp: number;
  readonly maxPerIp: number;
  /** How long an attempt counts as open before it is forgotten (a crashed process's). */
  readonly attemptLeaseMs?: number;
}

/**
 * Fixed windows, checked and counted in one atomic step (parallel guesses cannot all pass a
 * read-then-write check).
 * - Per account+IP: every attempt is counted before the check (open ones and failures); a
 *   success clears it. Answer 1 + seconds to wait when over.
 * - Per IP: failures, plus the attempts still open (a sorted set of attempt ids by start).
 *   failures >= limit: 1 + seconds to wait. failures + open >= limit: 2 (busy), nothing
 *   counted: the caller waits for open attempts to finish and asks again. So at most `limit`
 *   guesses per window can fail from one address, however many are sent at once, while many
 *   different shoppers behind one address are only made to queue, not refused.
 * KEYS: account+IP counter, IP failures, IP open attempts. ARGV: window, account+IP limit,
 * IP limit, attempt id, lease ms.
 */
const ATTEMPT = `
local window = tonumber(ARGV[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function wait(key)
  local ttl = redis.call('TTL', key)
  if ttl < 1 then ttl = window redis.call('EXPIRE', key, ttl) end
  return ttl
end
local a = redis.call('INCR', KEYS[1])
if a == 1 then redis.call('EXPIRE', KEYS[1], window) end
if a > tonumber(ARGV[2]) then return {1, wait(KEYS[1])} end
local failures = tonumber(redis.call('GET', KEYS[2]) or '0')
if failures >= tonumber(ARGV[3]) then
  redis.call('DECR', KEYS[1])
  return {1, wait(KEYS[2])}
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - tonumber(ARGV[5]))
if failures + redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[3]) then
  redis.call('DECR', KEYS[1])
  return {2, 0}
end
redis.call('ZADD', KEYS[3], now, ARGV[4])
redis.call('PEXPIRE', KEYS[3], ARGV[5])
return {0, 0}`;

// A success forgets the account's failures and closes the attempt.
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1`;

// A failure closes the attempt and counts against the address (the account counted it already).
const FAILED = `
redis.call('ZREM', KEYS[3], ARGV[1])
local n = redis.call('INCR', KEYS[2])
if n == 1 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
return n`;

// IPv6 addresses contain ':'; keep keys unambiguous.
const ipPart = (ip: string) => ip.replace(/[^A-Za-z0-9.]/g, '_');

export function createLoginLimiter(redis: Redis, settings: LimiterSettings): LoginLimiter {
  const attempt = defineScript(redis, 'authLoginAttempt2', 3, ATTEMPT);
  const succeeded = defineScript(redis, 'authLoginSucceeded2', 3, SUCCEEDED);
  const failed = defineScript(redis, 'authLoginFailed2', 3, FAILED);
  const lease = settings.attemptLeaseMs ?? 30_000;
  const keys = (accountKey: string, ip: string) => [
    `rl:acct:${accountKey}:${ipPart(ip)}`,
    `rl:ipf:${ipPart(ip)}`,
    `rl:ipo:${ipPart(ip)}`,
  ];
  return {
    async attempt(accountKey, ip): Promise<LimitDecision> {
      const attemptId = randomUUID();
      const [verdict, wait] = (await attempt(
        ...keys(accountKey, ip),
        settings.windowSeconds,
        settings.maxPerAccountIp,
        settings.maxPerIp,
        attemptId,
        lease,
      )) as [number, number];
      if (verdict === 0) return { allowed: true, attemptId };
      if (verdict === 2) return { allowed: false, busy: true, retryAfterSeconds: 1 };
      return { allowed: false, retryAfterSeconds: Number(wait) };
    },
    async succeeded(accountKey, ip, attemptId) {
      await succeeded(...keys(accountKey, ip), attemptId);
    },
    async failed(accountKey, ip, attemptId) {
      await failed(...keys(accountKey, ip), attemptId, settings.windowSeconds);
    },
  };
}
