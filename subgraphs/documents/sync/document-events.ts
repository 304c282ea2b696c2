import type { NewDomainEvent } from '../../../shared/events/index.js';
import type { DmsDocumentRecord } from '../legacy/dms-client.js';

/** What the diff needs of a stored document (read FOR UPDATE before the page's upsert). */
export interface StoredDocument {
  id: string;
  kind: string;
  attributes: Record<string, string>;
  tags: string[];
  legacyUpdatedAt: Date;
}

const deponentOf = (attributes: Record<string, string>) => attributes.deponent ?? null;
const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('\u0000') === [...b].sort().join('\u0000');

/**
 * The events one incoming DMS version makes of the stored row: document.filed for a document we
 * did not have, document.tagged when its kind, deponent or tags changed. An older or the same
 * version makes none (the dedupe key, by DMS version and modification time, covers re-fetches).
 */
export function documentEvents(stored: StoredDocument | undefined, incoming: DmsDocumentRecord, kind: string): NewDomainEvent[] {
  if (stored && incoming.modified.getTime() <= stored.legacyUpdatedAt.getTime()) return [];
  const subject = `document:${incoming.id}`;
  const version = `${incoming.version}:${incoming.modified.toISOString()}`;
  const facts = {
    documentId: incoming.id,
    matterNumber: incoming.matterNumber,
    name: incoming.name,
    kind,
    docType: incoming.docType,
    deponent: deponentOf(incoming.attributes),
    tags: incoming.tags,
    receivedAt: incoming.created.toISOString(),
  };
  const common = { subject, matterNumber: incoming.matterNumber };
  if (!stored) return [{ ...common, type: 'document.filed', payload: facts, occurredAt: incoming.created, dedupeKey: `document.filed:${subject}:${version}` }];
  const changed = stored.kind !== kind || deponentOf(stored.attributes) !== facts.deponent || !sameTags(stored.tags, incoming.tags);
  if (!changed) return [];
  return [{
    ...common,
    type: 'document.tagged',
    payload: { ...facts, previousKind: stored.kind, previousDeponent: deponentOf(stored.attributes) },
    occurredAt: incoming.modified,
    dedupeKey: `document.tagged:${subject}:${version}`,
  }];
}
