import type { Logger } from '@shop/service-kit/log';
import type { KeyedMutex } from '@shop/service-kit/keyed-mutex';
import { backoffDelay } from '@shop/service-kit/retry';
import type { DomainEvent, EventFlusher, EventPublisher, OutboxStore } from './ports';

export interface EventRelayDeps {
  readonly outbox: OutboxStore;
  readonly publisher: EventPublisher;
  readonly mutex: KeyedMutex;
  readonly logger: Logger;
  /** A hung sidecar must not hold a product's relay (and the request that flushes it) forever. */
  readonly publishTimeoutMs?: number;
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
  readonly now?: () => number;
}

export interface EventRelay extends EventFlusher {
  /** One pass over products with waiting events (the relay loop's tick); how many it visited. */
  relayPending(limit: number): Promise<number>;
  /** Milliseconds until publishing is tried again after a failure; 0 when not backing off. */
  retryInMs(): number;
}

class PublishFailed extends Error {}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`publish timed out after ${ms}ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Publishes the outbox: the events each write pushed into its product document. A product's
 * events go out in the order they were written, each with its derived id as CloudEvent id
 * (a re-send after a crash is dropped by subscribers), and leave the document only after
 * they were published — removed by id under the product's lock, so the removal cannot put
 * back a stale copy of the document on FerretDB. One relay runs per product at a time in
 * this process (later callers join the next run), so the loop and the requests that flush
 * never send one event twice between them. The first failed publish stops the product (so
 * order holds) and the pass, and backs off exponentially: the sidecar is likely down.
 */
export function createEventRelay(deps: EventRelayDeps): EventRelay {
  const { outbox, publisher, mutex, logger } = deps;
  const now = deps.now ?? Date.now;
  const publishTimeoutMs = deps.publishTimeoutMs ?? 5_000;
  const backoffBaseMs = deps.backoffBaseMs ?? 500;
  const backoffMaxMs = deps.backoffMaxMs ?? 30_000;
  const running = new Map<string, Promise<void>>();
  const queued = new Map<string, Promise<void>>();
  let failures = 0;
  let retryAt = 0;

  const retryInMs = () => Math.max(0, retryAt - now());
  const locked = (productId: string, work: () => Promise<void>) => mutex.run([`product:${productId}`], work);

  async function relayProduct(productId: string, settle: boolean): Promise<void> {
    const events = await outbox.pending(productId);
    if (events.length === 0) {
      if (settle) await locked(productId, () => outbox.settle(productId));
      return;
    }
    const sent: DomainEvent[] = [];
    let failure: unknown;
    for (const event of events) {
      try {
        await withTimeout(publisher.publish(event), publishTimeoutMs);
        sent.push(event);
      } catch (err) {
        failures += 1;
        const delay = backoffDelay(failures, { initialMs: backoffBaseMs, maxMs: backoffMaxMs });
        retryAt = now() + delay;
        logger.warn('event publish failed, kept in the outbox', {
          productId,
          topic: event.topic,
          eventId: event.id,
          failures,
          retryInMs: delay,
          err,
        });
        failure = err;
        break;
      }
    }
    if (sent.length > 0) {
      if (failure === undefined) failures = 0;
      await locked(productId, () => outbox.remove(productId, sent));
    }
    if (failure !== undefined) throw new PublishFailed(`publish failed for product ${productId}`);
  }

  function start(productId: string, settle: boolean): Promise<void> {
    const run = relayProduct(productId, settle).finally(() => {
      if (running.get(productId) === run) running.delete(productId);
    });
    running.set(productId, run);
    return run;
  }

  /** Single flight per product: a caller arriving during a run waits for (and shares) the next one. */
  function relay(productId: string, settle: boolean): Promise<void> {
    const next = queued.get(productId);
    if (next) return next;
    const current = running.get(productId);
    if (!current) return start(productId, settle);
    const after = current
      .catch(() => undefined)
      .then(() => {
        queued.delete(productId);
        return start(productId, settle);
      });
    queued.set(productId, after);
    return after;
  }

  return {
    async flush(productIds) {
      // While backing off, the loop retries when it is time; requests do not each hit a dead sidecar.
      if (retryInMs() > 0) return;
      for (const productId of new Set(productIds)) {
        try {
          await relay(productId, false);
        } catch (err) {
          if (!(err instanceof PublishFailed))
            logger.warn('outbox flush failed; the relay will retry', { productId, err });
          return;
        }
      }
    },
    async relayPending(limit) {
      if (retryInMs() > 0) return 0;
      const productIds = await outbox.pendingProductIds(limit);
      for (const productId of productIds) {
        try {
          await relay(productId, true);
        } catch (err) {
          if (err instanceof PublishFailed) return productIds.length;
          throw err;
        }
      }
      return productIds.length;
    },
    retryInMs,
  };
}
