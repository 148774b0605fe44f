import { randomUUID } from 'node:crypto';
import { components } from '@shop/topology';
import { PROBE_TOPIC, publishEvent } from '@shop/service-kit';
import { counter, daprClientOf, domainApps, eventually, logLines } from '../support/shop';

const outcome = (outcome: string) => ({ topic: PROBE_TOPIC, outcome });

describe('Pub/sub through Dapr and AppCallback', () => {
  const publisher = daprClientOf('order');
  afterAll(() => publisher.stop());

  async function snapshot(o: string) {
    return Object.fromEntries(
      await Promise.all(domainApps.map(async (a) => [a, await counter(a, 'pubsub_events_total', outcome(o))])),
    );
  }

  test('When a probe event is published, then every domain service handles it once', async () => {
    const before = await snapshot('processed');
    const probeId = randomUUID();
    await publishEvent(publisher, components.pubsub, PROBE_TOPIC, { probeId, sentAt: new Date().toISOString() });
    await eventually(async () => {
      const now = await snapshot('processed');
      return domainApps.every((a) => now[a] === before[a] + 1);
    });
    for (const app of domainApps) {
      expect(logLines(app).some((l) => l.message === 'probe event handled' && l.probeId === probeId)).toBe(true);
    }
  });

  test('When the same CloudEvent id is delivered twice, then it is handled once and the duplicate is ignored', async () => {
    const processedBefore = await snapshot('processed');
    const duplicateBefore = await snapshot('duplicate');
    const id = `probe-${randomUUID()}`;
    const probeId = randomUUID();
    const event = { probeId, sentAt: new Date().toISOString() };
    await publishEvent(publisher, components.pubsub, PROBE_TOPIC, event, { id });
    await eventually(async () => {
      const now = await snapshot('processed');
      return domainApps.every((a) => now[a] === processedBefore[a] + 1);
    });
    await publishEvent(publisher, components.pubsub, PROBE_TOPIC, event, { id });
    await eventually(async () => {
      const now = await snapshot('duplicate');
      return domainApps.every((a) => now[a] === duplicateBefore[a] + 1);
    });
    const processedAfter = await snapshot('processed');
    for (const app of domainApps) {
      expect(processedAfter[app]).toBe(processedBefore[app] + 1);
      expect(logLines(app).filter((l) => l.message === 'probe event handled' && l.probeId === probeId)).toHaveLength(1);
    }
  });

  test('When an event with invalid data arrives, then it is dropped, counted, and the service keeps going', async () => {
    const before = await snapshot('invalid');
    await publishEvent(publisher, components.pubsub, PROBE_TOPIC, { probeId: '', unexpected: true });
    await eventually(async () => {
      const now = await snapshot('invalid');
      return domainApps.every((a) => now[a] === before[a] + 1);
    });
  });
});
