import { z } from 'zod';
import { components } from '@shop/topology';
import { defineSubscription, type Subscription } from './events';
import type { Logger } from './logger';

/** The synthetic event operators (and the e2e suite) publish to prove the event path. */
export const PROBE_TOPIC = 'platform.probe';

const probeSchema = z.strictObject({
  probeId: z.string().min(1).max(100),
  sentAt: z.iso.datetime(),
});

/** Every domain service subscribes; handling it is a log line and the pubsub metric. */
export function createProbeSubscription(logger: Logger): Subscription {
  return defineSubscription({
    pubsubName: components.pubsub,
    topic: PROBE_TOPIC,
    schema: probeSchema,
    async handler(data, meta) {
      logger.info('probe event handled', { probeId: data.probeId, eventId: meta.id });
    },
  });
}
