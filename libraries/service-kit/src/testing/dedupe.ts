import type { EventDedupe } from '../events';

/** For tests only: services persist claims in their own store. */
export function createInMemoryDedupeForTests(): EventDedupe {
  const seen = new Map<string, 'processing' | 'done'>();
  return {
    async claim(eventId, topic) {
      const key = `${topic}/${eventId}`;
      if (seen.has(key)) return false;
      seen.set(key, 'processing');
      return true;
    },
    async complete(eventId, topic) {
      seen.set(`${topic}/${eventId}`, 'done');
    },
    async release(eventId, topic) {
      seen.delete(`${topic}/${eventId}`);
    },
  };
}
