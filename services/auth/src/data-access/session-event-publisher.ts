import { publishEvent, type DaprClient, type Logger } from '@shop/service-kit';
import type { EventSink } from '../domain/ports';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Publishes through the sidecar. Critical events (revocations) get three attempts within
 * ~0.3 s, staying inside the one-second propagation budget, before the failure surfaces.
 */
export function createEventSink(dapr: DaprClient, pubsubName: string, logger: Logger): EventSink {
  return {
    async publish(topic, data, id, critical = false) {
      const attempts = critical ? 3 : 1;
      for (let attempt = 1; ; attempt += 1) {
        try {
          await publishEvent(dapr, pubsubName, topic, data, { id });
          return;
        } catch (err) {
          if (attempt >= attempts) throw err;
          logger.warn('publish failed; retrying', { topic, attempt });
          await delay(100 * attempt);
        }
      }
    },
  };
}
