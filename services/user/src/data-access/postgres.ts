import type { Pool } from 'pg';
import { enqueueOutbox, withTransaction } from '@shop/postgres';
import { retry } from '@shop/service-kit/retry';
import type { Repositories, UserStore } from '../domain/ports';
import { addressesSql } from './address-repository';
import { preferencesSql } from './preference-repository';
import type { Queryable } from './postgres-queries';
import { usersSql } from './user-repository';

export interface UserStoreOptions {
  /** The Dapr pub/sub component the outbox relay publishes to. */
  readonly pubsubName: string;
  /** Called after a transaction that wrote events committed (the relay's wake()). */
  readonly onEventsCommitted?: () => void;
}

const repositories = (db: Queryable): Repositories => ({
  users: usersSql(db),
  addresses: addressesSql(db),
  preferences: preferencesSql(db),
});

// A deadlock or serialisation failure is PostgreSQL asking for the transaction to be re-run.
const RETRYABLE = new Set(['40P01', '40001']);
const isRetryable = (err: unknown) => RETRYABLE.has(String((err as { code?: unknown } | undefined)?.code));

export function createUserStore(pool: Pool, options: UserStoreOptions): UserStore {
  return {
    ...repositories(pool),
    transaction(work) {
      const once = async () => {
        let wroteEvents = false;
        const result = await withTransaction(pool, (client) =>
          work({
            ...repositories(client),
            events: {
              async add(...events) {
                await enqueueOutbox(client, options.pubsubName, events);
                wroteEvents ||= events.length > 0;
              },
            },
          }),
        );
        if (wroteEvents) options.onEventsCommitted?.();
        return result;
      };
      return retry(once, { attempts: 3, backoff: { initialMs: 0, maxMs: 0 }, retryIf: isRetryable });
    },
  };
}
