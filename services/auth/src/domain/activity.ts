import { EventEmitter } from 'node:events';
import type { SessionEventType } from '@shop/contracts/statuses';
import { AppError } from '@shop/service-kit/errors';

/** The proto's SessionEventType, as the domain spells it (`login_failed`). */
export type ActivityType = SessionEventType;

export interface SessionActivity {
  readonly type: ActivityType;
  readonly userId: string;
  readonly familyId: string;
  readonly at: string;
  readonly ip: string;
}

export interface ActivityFeed {
  emit(activity: Omit<SessionActivity, 'at'>): void;
  /** Returns the unsubscribe function. Empty userId = every user. */
  subscribe(userId: string, listener: (activity: SessionActivity) => void): () => void;
  watchers(): number;
}

/**
 * In-process fan-out of this instance's own session actions to WatchSessionActivity streams.
 * Operators watching a fleet use the session.* pub/sub events; this is the live, local view.
 */
export function createActivityFeed(maxWatchers = 100): ActivityFeed {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(maxWatchers);
  return {
    emit(activity) {
      emitter.emit('activity', { ...activity, at: new Date().toISOString() });
    },
    subscribe(userId, listener) {
      if (emitter.listenerCount('activity') >= maxWatchers)
        throw new AppError('RATE_LIMITED', 'Too many activity watchers', { retryAfterSeconds: 30 });
      const filtered = (a: SessionActivity) => {
        if (userId === '' || a.userId === userId) listener(a);
      };
      emitter.on('activity', filtered);
      return () => emitter.off('activity', filtered);
    },
    watchers: () => emitter.listenerCount('activity'),
  };
}
