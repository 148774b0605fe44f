import type { DaprClient } from '@dapr/dapr';
import { publishEvent, type Logger } from '@shop/service-kit';
import type { DomainEvent, EventPublisher } from '../domain/ports';

/**
 * Publishes through the sidecar. The write it reports has already happened, so a failed
 * publish is logged (with the event id) rather than failing the request; see the
 * "Product inventory" section of docs/architecture.md for what that leaves open.
 */
export function createDaprEventPublisher(client: DaprClient, pubsubName: string, logger: Logger): EventPublisher {
  return {
    async publish(event: DomainEvent) {
      try {
        await publishEvent(client, pubsubName, event.topic, event.data, { id: event.id });
      } catch (err) {
        logger.error('event publish failed', { topic: event.topic, eventId: event.id, err });
      }
    },
  };
}
