import type { EntityManager } from 'typeorm';
import type { Logger } from '../../../shared/logger.js';
import { defineSync, deleteMissing, runSync, upsertRows, type ResourceSync, type SyncContext, type SyncOutcome, type UpsertSpec } from '../../../shared/sync/index.js';
import type { DmsClient, DmsDocumentRecord } from '../legacy/dms-client.js';
import { documentKindOf } from './document-kinds.js';

const col = (name: string, cast?: string) => ({ name, cast });

const DOCUMENTS: UpsertSpec = {
  table: 'documents.documents',
  columns: [
    col('id'), col('matter_number'), col('name'), col('kind'), col('legacy_doc_type'), col('attributes', 'jsonb'), col('tags', 'text[]'),
    col('version', 'integer'), col('received_at', 'timestamptz'), col('legacy_updated_at', 'timestamptz'),
  ],
  key: ['id'],
  version: 'legacy_updated_at',
  syncedAt: true,
};

export function documentRow(d: DmsDocumentRecord): unknown[] {
  return [d.id, d.matterNumber, d.name, documentKindOf(d.docType).kind, d.docType, JSON.stringify(d.attributes), d.tags, d.version, d.created, d.modified];
}

async function writeDocuments(manager: EntityManager, documents: readonly DmsDocumentRecord[], logger: Logger): Promise<void> {
  const unmapped = [...new Set(documents.filter((d) => !documentKindOf(d.docType).known).map((d) => d.docType))];
  if (unmapped.length > 0) logger.info({ docTypes: unmapped }, 'DMS docTypes with no mapping stored as OTHER; add them to document-kinds.ts');
  await upsertRows(manager, DOCUMENTS, documents.map(documentRow));
}

export function dmsSyncs(dms: DmsClient, logger: Logger): ResourceSync[] {
  return [
    defineSync<DmsDocumentRecord>({
      system: 'dms',
      resource: 'documents',
      fetch: (updatedSince) => dms.list('documents', { updatedSince }),
      updatedAt: (d) => d.modified,
      upsert: (manager, records) => writeDocuments(manager, records, logger),
      listIds: () => dms.listIds('documents'),
      removeMissing: (manager, ids) => deleteMissing(manager, 'documents.documents', 'id', ids),
    }),
  ];
}

/** One sync of everything the documents context keeps from the DMS. */
export function syncDms(ctx: SyncContext, dms: DmsClient): Promise<SyncOutcome[]> {
  return runSync(ctx, dmsSyncs(dms, ctx.logger.child({ system: 'dms' })));
}
