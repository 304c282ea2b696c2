import type { DomainEvent, DomainEventType, EventPayload } from '../../shared/events/index.js';
import type { DocumentFact } from '../../subgraphs/documents/published-queries.js';

/** Events and facts as the rules see them, for the rules' tests (plain data, no database). */
let nextId = 1;

export function domainEvent<T extends DomainEventType>(
  type: T, payload: EventPayload<T>, extra: { subject?: string; matterId?: string | null; matterNumber?: string | null; occurredAt?: Date; recordedAt?: Date } = {},
): DomainEvent {
  const id = String(nextId++);
  return {
    id, txId: id, type, payload, subject: extra.subject ?? `${type}:${id}`,
    occurredAt: extra.occurredAt ?? new Date('2026-11-01T12:00:00Z'), recordedAt: extra.recordedAt ?? new Date('2026-11-01T12:00:00Z'),
    matterId: extra.matterId ?? null, matterNumber: extra.matterNumber ?? null, clientId: null,
  } as DomainEvent;
}

export function documentPayload(p: { id: string; matterNumber: string; name: string; kind: string; deponent?: string | null; tags?: string[]; receivedAt?: string; docType?: string | null }) {
  return {
    documentId: p.id, matterNumber: p.matterNumber, name: p.name, kind: p.kind, docType: p.docType ?? null, deponent: p.deponent ?? null,
    tags: p.tags ?? [], receivedAt: p.receivedAt ?? '2026-11-01T12:00:00Z',
  };
}

export function transcript(id: string, matterNumber: string, deponent: string | null, kind: DocumentFact['kind'] = 'DEPOSITION_TRANSCRIPT'): DocumentFact {
  return { id, matterNumber, name: `${id}.pdf`, kind, deponent, tags: [], receivedAt: new Date('2026-11-01T12:00:00Z') };
}
