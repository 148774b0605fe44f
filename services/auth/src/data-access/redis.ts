import { Redis } from 'ioredis';
import { createRedisDedupe, type EventDedupe, type Stoppable } from '@shop/service-kit';

export interface AuthStore extends Stoppable {
  readonly redis: Redis;
  readonly dedupe: EventDedupe;
  ping(): Promise<void>;
}

/**
 * `keyPrefix` is applied by ioredis to every key, script KEYS included: profiles (and test
 * runs) sharing one Redis server never see each other's sessions or counters.
 */
export async function openAuthStore(url: string, keyPrefix: string): Promise<AuthStore> {
  // Fail commands fast while Redis is away (readiness turns red) instead of queueing them,
  // and never wait on a connection that stopped answering (a login hung until the gateway's
  // 30 s timeout while Redis reset connections).
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2_000,
    commandTimeout: 2_000,
    keyPrefix,
  });
  await redis.connect();
  return {
    name: 'redis',
    redis,
    dedupe: createRedisDedupe(redis, 'dedupe'),
    async ping() {
      await redis.ping();
    },
    async stop() {
      await redis.quit();
    },
  };
}
