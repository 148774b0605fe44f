// The user service's public events. Payloads carry ids and facts, not personal data: a
// subscriber that needs the e-mail asks GetUser, so anonymising an account also reaches
// consumers that would otherwise keep copies in their streams.
import type { Account, Role, UserStatus } from './user';

export const USER_TOPICS = {
  registered: 'user.registered',
  updated: 'user.updated',
  deleted: 'user.deleted',
} as const;

export type UserChange = 'name' | 'email' | 'password' | 'roles' | 'preferences';

interface EventBase<T extends string, D extends object> {
  /** The CloudEvent id, derived from the fact: re-writing the same fact is one event. */
  readonly id: string;
  readonly topic: T;
  readonly data: D;
}

export type UserRegistered = EventBase<'user.registered', { userId: string; roles: Role[]; registeredAt: string }>;
export type UserUpdated = EventBase<
  'user.updated',
  { userId: string; changes: UserChange[]; roles: Role[]; status: UserStatus; version: number; updatedAt: string }
>;
export type UserDeleted = EventBase<'user.deleted', { userId: string; deletedAt: string }>;
export type UserEvent = UserRegistered | UserUpdated | UserDeleted;

export function userRegistered(account: Account): UserRegistered {
  return {
    id: `${USER_TOPICS.registered}/${account.id}`,
    topic: USER_TOPICS.registered,
    data: { userId: account.id, roles: [...account.roles], registeredAt: account.createdAt.toISOString() },
  };
}

/** One event per version of the account: version is bumped by the change being announced. */
export function userUpdated(account: Account, changes: UserChange[]): UserUpdated {
  return {
    id: `${USER_TOPICS.updated}/${account.id}/v${account.version}`,
    topic: USER_TOPICS.updated,
    data: {
      userId: account.id,
      changes,
      roles: [...account.roles],
      status: account.status,
      version: account.version,
      updatedAt: account.updatedAt.toISOString(),
    },
  };
}

export function userDeleted(account: Account): UserDeleted {
  return {
    id: `${USER_TOPICS.deleted}/${account.id}`,
    topic: USER_TOPICS.deleted,
    data: { userId: account.id, deletedAt: account.updatedAt.toISOString() },
  };
}
