import type { EntityManager } from 'typeorm';
import type { DocumentKind } from './entities/index.js';

/**
 * What the documents context answers for other contexts (the rules engine, above all), so nobody
 * reads documents.documents directly (see docs/architecture.md, "The walls").
 */

/** A DMS document as the facts of a rule see it. */
export interface DocumentFact {
  id: string;
  matterNumber: string;
  name: string;
  /** The canonical kind, after the docType mapping. */
  kind: DocumentKind;
  /** The `deponent` attribute as typed in the DMS, if any. */
  deponent: string | null;
  tags: string[];
  receivedAt: Date;
}

/**
 * The documents of these matters (by CMS display number, the DMS's key), optionally only of some
 * kinds, in one statement; runs inside the caller's transaction.
 */
export async function findDocumentsOfMatters(
  db: Pick<EntityManager, 'query'>, matterNumbers: readonly string[], kinds?: readonly DocumentKind[],
): Promise<DocumentFact[]> {
  if (matterNumbers.length === 0) return [];
  const rows: Array<{ id: string; matter_number: string; name: string; kind: DocumentKind; deponent: string | null; tags: string[]; received_at: Date }> = await db.query(
    `SELECT id, matter_number, name, kind, attributes->>'deponent' AS deponent, tags, received_at
       FROM documents.documents
      WHERE matter_number = ANY($1::text[]) AND ($2::text[] IS NULL OR kind = ANY($2::text[]))
      ORDER BY received_at, id`,
    [matterNumbers, kinds ?? null],
  );
  return rows.map((r) => ({
    id: r.id, matterNumber: r.matter_number, name: r.name, kind: r.kind, deponent: r.deponent, tags: r.tags, receivedAt: new Date(r.received_at),
  }));
}
