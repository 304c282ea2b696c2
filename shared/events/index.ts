export { DomainEventRow, EventConsumerRow } from './DomainEvent.js';
export { EVENT_PAYLOADS, DOMAIN_EVENT_TYPES, isDomainEventType, type DomainEvent, type DomainEventType, type EventPayload, type NewDomainEvent } from './catalog.js';
export { recordEvents, parseEvent, OUTBOX_CHANNEL } from './outbox.js';
export { announceReadModelChange, clientTag, onLocalReadModelChange, EVERY_COPY, READ_MODEL_CHANNEL } from './read-model-changes.js';
export { consumeEvents, drainEvents, readEventsAfter, latestPosition, type ConsumeOptions } from './consumer.js';
export { startOutboxDispatcher, type OutboxConsumer, type OutboxDispatcher } from './dispatcher.js';
