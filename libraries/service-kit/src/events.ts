import { z } from 'zod';

export interface EventMeta {
  readonly id: string;
  readonly type: string;
  readonly source: string;
  readonly topic: string;
  readonly pubsubName: string;
  readonly traceparent: string | undefined;
}

export interface Subscription<S extends z.ZodType = z.ZodType> {
  readonly pubsubName: string;
  readonly topic: string;
  /** Validates the event's data; an invalid event is dropped, never retried. */
  readonly schema: S;
  readonly deadLetterTopic?: string;
  /** Passed to Dapr as subscription metadata (component specific). */
  readonly metadata?: Readonly<Record<string, string>>;
  /**
   * The handler converges however often it runs for one event (it applies a version, say):
   * deliveries are not claimed in the dedupe store, which saves its writes for each event.
   */
  readonly idempotent?: boolean;
  /** Throw to have Dapr redeliver; throw AppError VALIDATION_FAILED to drop for good. */
  handler(data: z.output<S>, meta: EventMeta): Promise<void>;
}

/**
 * De-duplicates deliveries by CloudEvent id. A store should keep a claim as "processing"
 * with a lease, treat an expired lease as claimable again, and mark it done in complete():
 * then a crash between claim and complete cannot lose the event.
 */
export interface EventDedupe {
  /** true = first delivery, go ahead; false = seen before. */
  claim(eventId: string, topic: string): Promise<boolean>;
  complete?(eventId: string, topic: string): Promise<void>;
  /** Forget a claim after a failure, so the redelivery is handled. */
  release?(eventId: string, topic: string): Promise<void>;
}

export interface AppCallbackOptions {
  readonly subscriptions: readonly Subscription[];
  /** Required when there are subscriptions. */
  readonly dedupe?: EventDedupe;
}

/** Keeps the subscription's data type for the handler while storing it in a plain list. */
export function defineSubscription<S extends z.ZodType>(subscription: Subscription<S>): Subscription {
  return subscription as unknown as Subscription;
}

const name = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]{0,199}$/);
const subscriptionsSchema = z
  .array(z.object({ pubsubName: name, topic: name, deadLetterTopic: name.optional() }).loose())
  .refine((subs) => new Set(subs.map((s) => `${s.pubsubName}/${s.topic}`)).size === subs.length, {
    message: 'a topic may be subscribed only once per pub/sub component',
  });

/** Fails fast on malformed names and on two subscriptions to one topic. */
export function validateSubscriptions(subscriptions: readonly Subscription[]): void {
  subscriptionsSchema.parse(subscriptions);
}
