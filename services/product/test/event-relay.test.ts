// The relay's rules on an in-memory outbox: order per product, stop at the first failure,
// remove only what was published, one run per product at a time.
import { createLogger } from '@shop/service-kit';
import { Writable } from 'node:stream';
import { createEventRelay } from '../src/domain/event-relay';
import { createKeyedMutex } from '@shop/service-kit/keyed-mutex';
import type { DomainEvent, OutboxStore } from '../src/domain/ports';

function memoryOutbox() {
  const docs = new Map<string, DomainEvent[]>();
  const store: OutboxStore = {
    pendingProductIds: async (limit) => [...docs.keys()].slice(0, limit),
    pending: async (id) => [...(docs.get(id) ?? [])],
    remove: async (id, events) =>
      void docs.set(
        id,
        (docs.get(id) ?? []).filter((e) => !events.some((s) => s.id === e.id)),
      ),
    settle: async (id) => void (docs.get(id)?.length === 0 && docs.delete(id)),
  };
  const record = (id: string, n: number) =>
    docs.set(id, [...(docs.get(id) ?? []), { topic: 't', id: `${id}/${n}`, data: { n } }]);
  return { docs, store, record };
}

const silent = createLogger('product', 'error', { destination: new Writable({ write: (_c, _e, done) => done() }) });

describe('Event relay', () => {
  test('When a publish fails, then the product stops there, keeps the rest in order and backs off', async () => {
    const { docs, store, record } = memoryOutbox();
    [1, 2, 3].forEach((n) => record('p', n));
    const sent: string[] = [];
    let failNext = false;
    let clock = 1_000;
    const relay = createEventRelay({
      outbox: store,
      mutex: createKeyedMutex(),
      logger: silent,
      backoffBaseMs: 100,
      now: () => clock,
      publisher: {
        publish: async (e) => {
          if (e.id === 'p/2' && !failNext) {
            failNext = true;
            throw new Error('down');
          }
          sent.push(e.id);
        },
      },
    });
    await relay.flush(['p']);
    expect(sent).toEqual(['p/1']);
    expect(docs.get('p')!.map((e) => e.id)).toEqual(['p/2', 'p/3']);
    expect(relay.retryInMs()).toBe(100);
    await relay.flush(['p']); // backing off: requests leave it to the loop
    expect(await relay.relayPending(10)).toBe(0);
    clock += 100;
    expect(await relay.relayPending(10)).toBe(1);
    expect(sent).toEqual(['p/1', 'p/2', 'p/3']);
    await relay.relayPending(10); // finds nothing left and settles
    expect(docs.has('p')).toBe(false);
  });

  test('When flushes of one product overlap, then each event is published once', async () => {
    const { store, record } = memoryOutbox();
    const sent: string[] = [];
    const relay = createEventRelay({
      outbox: store,
      mutex: createKeyedMutex(),
      logger: silent,
      publisher: {
        publish: async (e) => {
          await new Promise((r) => setTimeout(r, 5));
          sent.push(e.id);
        },
      },
    });
    const flushes: Promise<void>[] = [];
    for (let n = 1; n <= 10; n += 1) {
      record('p', n);
      flushes.push(relay.flush(['p']));
    }
    await Promise.all(flushes);
    expect(sent).toEqual(Array.from({ length: 10 }, (_, i) => `p/${i + 1}`));
  });
});
