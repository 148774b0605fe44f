import { publishEvent, type DaprClient, type Logger } from '@shop/service-kit';
import { retry } from '@shop/service-kit/retry';
import type { EventSink } from '../domain/ports';

/**
 * Publishes through the sidecar. Critical events (revocations) get three attempts within
 * ~0.3 s, staying inside the one-second propagation budget, before the failure surfaces.
 */
export function createEventSink(dapr: DaprClient, pubsubName: string, logger: Logger): EventSink {
  return {
    publish(topic, data, id, critical = false) {
      return retry(() => publishEvent(dapr, pubsubName, topic, data, { id }), {
        attempts: critical ? 3 : 1,
        backoff: [100, 200],
        onRetry: (_err, attempt) => logger.warn('publish failed; retrying', { topic, attempt }),
      });
    },
  };
}
