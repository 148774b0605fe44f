import type { EventDedupe } from '../events';

/** The parts of a Redis client the dedupe uses (ioredis fits). */
export interface DedupeRedis {
  set(key: string, value: string, ex: 'EX', seconds: number, nx: 'NX'): Promise<'OK' | null>;
  set(key: string, value: string, ex: 'EX', seconds: number): Promise<'OK' | null>;
  eval(script: string, keys: number, ...args: string[]): Promise<unknown>;
}

// Deletes the claim only while it is still "processing", atomically.
const RELEASE = `if redis.call('GET', KEYS[1]) == 'processing' then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * Claims as keys with a TTL: "processing" expires after the lease (a crashed handler's event
 * can be claimed again), "done" is kept for `retentionSeconds`, longer than any redelivery.
 */
export function createRedisDedupe(
  redis: DedupeRedis,
  prefix: string,
  leaseSeconds = 60,
  retentionSeconds = 7 * 86400,
): EventDedupe {
  const key = (eventId: string, topic: string) => `${prefix}:processed:${topic}:${eventId}`;
  return {
    async claim(eventId, topic) {
      return (await redis.set(key(eventId, topic), 'processing', 'EX', leaseSeconds, 'NX')) === 'OK';
    },
    async complete(eventId, topic) {
      await redis.set(key(eventId, topic), 'done', 'EX', retentionSeconds);
    },
    async release(eventId, topic) {
      await redis.eval(RELEASE, 1, key(eventId, topic));
    },
  };
}
