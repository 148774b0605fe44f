import { Redis } from 'ioredis';
import { createRedisDedupe, type EventDedupe, type Stoppable } from '@shop/service-kit';

export interface AuthStore extends Stoppable {
  readonly redis: Redis;
  readonly dedupe: EventDedupe;
  ping(): Promise<void>;
}

export async function openAuthStore(url: string): Promise<AuthStore> {
  // Fail commands fast while Redis is away (readiness turns red) instead of queueing them.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 });
  await redis.connect();
  return {
    name: 'redis',
    redis,
    dedupe: createRedisDedupe(redis, 'auth'),
    async ping() {
      await redis.ping();
    },
    async stop() {
      await redis.quit();
    },
  };
}
