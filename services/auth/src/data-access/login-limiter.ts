import type { Redis } from 'ioredis';
import type { LimitDecision, LoginLimiter } from '../domain/ports';
import { defineScript } from './scripts';

export interface LimiterSettings {
  readonly windowSeconds: number;
  readonly maxPerAccountIp: number;
  readonly maxPerIp: number;
}

/**
 * Fixed windows, counted before the check in one atomic step (parallel guesses cannot all pass
 * a read-then-write check). Returns 0 when allowed, else the seconds until the window resets.
 * KEYS: account+IP counter, IP counter. ARGV: window, account+IP limit, IP limit.
 */
const ATTEMPT = `
local wait = 0
local limits = { tonumber(ARGV[2]), tonumber(ARGV[3]) }
for i = 1, 2 do
  local n = redis.call('INCR', KEYS[i])
  if n == 1 then redis.call('EXPIRE', KEYS[i], ARGV[1]) end
  if n > limits[i] then
    local ttl = redis.call('TTL', KEYS[i])
    if ttl < 1 then ttl = tonumber(ARGV[1]) redis.call('EXPIRE', KEYS[i], ttl) end
    if ttl > wait then wait = ttl end
  end
end
return wait`;

// A success forgets the account's failures and refunds the IP's attempt.
const SUCCEEDED = `
redis.call('DEL', KEYS[1])
if tonumber(redis.call('GET', KEYS[2]) or '0') > 0 then redis.call('DECR', KEYS[2]) end
return 1`;

// IPv6 addresses contain ':'; keep keys unambiguous.
const ipPart = (ip: string) => ip.replace(/[^A-Za-z0-9.]/g, '_');

export function createLoginLimiter(redis: Redis, settings: LimiterSettings): LoginLimiter {
  const attempt = defineScript(redis, 'authLoginAttempt', 2, ATTEMPT);
  const succeeded = defineScript(redis, 'authLoginSucceeded', 2, SUCCEEDED);
  const keys = (accountKey: string, ip: string) => [`rl:acct:${accountKey}:${ipPart(ip)}`, `rl:ip:${ipPart(ip)}`];
  return {
    async attempt(accountKey, ip): Promise<LimitDecision> {
      const wait = Number(
        await attempt(...keys(accountKey, ip), settings.windowSeconds, settings.maxPerAccountIp, settings.maxPerIp),
      );
      return wait > 0 ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
    },
    async succeeded(accountKey, ip) {
      await succeeded(...keys(accountKey, ip));
    },
  };
}
