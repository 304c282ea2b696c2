import type { EntityManager } from 'typeorm';
import { recordEvents } from '../../../shared/events/index.js';
import { loadMapping } from '../../ingest/index.js';
import { quarantineUnmapped, resolveSuperseded } from '../../ingest/index.js';
import type { Reprocessor } from '../../ingest/index.js';
import { defineSync, deleteMissing, upsertRows, type ResourceSync, type UpsertSpec } from '../../ingest/index.js';
import { dmsDocumentSchema, type DmsClient, type DmsDocumentRecord } from '../legacy/dms-client.js';
import { documentEvents, type StoredDocument } from './document-events.js';

const col = (name: string, cast?: string) => ({ name, cast });

const DOCUMENTS: UpsertSpec = {
  table: 'documents.documents',
  columns: [
    col('id'), col('matter_number'), col('name'), col('kind'), col('legacy_doc_type'), col('attributes', 'jsonb'), col('tags', 'text[]'),
    col('version', 'integer'), col('received_at', 'timestamptz'), col('legacy_updated_at', 'timestamptz'),
  ],
  key: ['id'],
  clientsOf: 'SELECT m.client_id FROM documents.documents d JOIN matters.matters m ON m.number = d.matter_number WHERE d.id = ANY($1::text[])',
  version: 'legacy_updated_at',
  syncedAt: true,
};

/** A document with no docType at all is OTHER: there is no spelling to map. */
const NO_DOC_TYPE_KIND = 'OTHER';

export function documentRow(d: DmsDocumentRecord, kind: string): unknown[] {
  return [d.id, d.matterNumber, d.name, kind, d.docType, JSON.stringify(d.attributes), d.tags, d.version, d.created, d.modified];
}

async function storedDocuments(manager: EntityManager, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
  const rows: Array<{ id: string; kind: string; attributes: Record<string, string>; tags: string[]; legacy_updated_at: Date }> = await manager.query(
    `SELECT id, kind, attributes, tags, legacy_updated_at FROM documents.documents WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
  return new Map(rows.map((r) => [r.id, { id: r.id, kind: r.kind, attributes: r.attributes, tags: r.tags, legacyUpdatedAt: r.legacy_updated_at }]));
}

/**
 * The documents context's write path (sync pages and re-processed quarantine items alike): each
 * docType through the current `document_type` mapping; a document whose docType nobody mapped is
 * not stored but quarantined. Stored rows are read FOR UPDATE first so the events of the page are
 * the diff of stored vs incoming, recorded in the same transaction.
 */
export async function writeDocuments(manager: EntityManager, page: readonly DmsDocumentRecord[]): Promise<void> {
  const documents = [...new Map(page.map((d) => [d.id, d])).values()];
  const mapping = await loadMapping(manager, 'document_type');
  const stored = await storedDocuments(manager, documents.map((d) => d.id));
  const newer = documents.filter((d) => {
    const current = stored.get(d.id);
    return !current || current.legacyUpdatedAt.getTime() <= d.modified.getTime();
  });
  const mapped: Array<{ document: DmsDocumentRecord; kind: string }> = [];
  const unmapped: DmsDocumentRecord[] = [];
  for (const document of newer) {
    const kind = document.docType === null ? NO_DOC_TYPE_KIND : mapping.canonicalOf(document.docType);
    if (kind === undefined) unmapped.push(document);
    else mapped.push({ document, kind });
  }
  await upsertRows(manager, DOCUMENTS, mapped.map((m) => documentRow(m.document, m.kind)));
  await recordEvents(manager, mapped.flatMap((m) => documentEvents(stored.get(m.document.id), m.document, m.kind)));
  await resolveSuperseded(manager, 'UNMAPPED_VALUE', 'dms', 'documents', mapped.map((m) => m.document.id));
  await quarantineUnmapped(manager, unmapped.map((d) => ({
    system: 'dms',
    resource: 'documents',
    legacyId: d.id,
    mappingKind: 'document_type',
    rawValue: d.docType ?? '',
    detail: `DMS docType "${d.docType}" of "${d.name}" (matter ${d.matterNumber}) has no document_type mapping; the document is held back until one is added.`,
    payload: d,
  })));
}

export const documentReprocessors: Reprocessor[] = [
  { system: 'dms', resource: 'documents', schema: dmsDocumentSchema, write: (manager, records) => writeDocuments(manager, records as DmsDocumentRecord[]) },
];

export function dmsSyncs(dms: DmsClient): ResourceSync[] {
  return [
    defineSync<DmsDocumentRecord>({
      system: 'dms',
      resource: 'documents',
      fetch: (updatedSince) => dms.list('documents', { updatedSince }),
      updatedAt: (d) => d.modified,
      upsert: writeDocuments,
      listIds: () => dms.listIds('documents'),
      removeMissing: (manager, ids) => deleteMissing(manager, 'documents.documents', 'id', ids),
      sweepEachRun: true,
    }),
  ];
}
