import { publishEvent, type DaprClient } from '@shop/service-kit';
import type { DomainEvent, EventPublisher } from '../domain/ports';

/**
 * Publishes through the sidecar, the event's derived id as CloudEvent id (subscribers drop a
 * re-send). Rejects when the sidecar did not take it: the outbox relay keeps the event, logs
 * and retries (domain/event-relay.ts).
 */
export function createDaprEventPublisher(client: DaprClient, pubsubName: string): EventPublisher {
  return {
    publish: (event: DomainEvent) => publishEvent(client, pubsubName, event.topic, event.data, { id: event.id }),
  };
}
