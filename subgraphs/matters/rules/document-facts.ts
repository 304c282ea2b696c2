import type { EntityManager } from 'typeorm';

/**
 * What the rules need of the documents context: the deposition transcripts of some matters. The
 * documents context answers it with its published query; the assembly of the modules hands that
 * query over (system/modules.ts), so this context does not import the documents context, which
 * itself depends on this one for who may see a matter.
 */
export interface DocumentFact {
  id: string;
  matterNumber: string;
  name: string;
  /** The canonical kind, after the docType mapping. */
  kind: string;
  /** The `deponent` attribute as typed in the DMS, if any. */
  deponent: string | null;
  tags: string[];
  receivedAt: Date;
}

/** The documents of these matters (by display number) of one of these kinds, inside the caller's transaction. */
export type FindDocumentsOfMatters = (db: Pick<EntityManager, 'query'>, matterNumbers: readonly string[], kinds: readonly ['DEPOSITION_TRANSCRIPT']) => Promise<DocumentFact[]>;

let findDocuments: FindDocumentsOfMatters | undefined;

/** Called once per process by the assembly of the modules. */
export function configureDocumentFacts(find: FindDocumentsOfMatters): void {
  findDocuments = find;
}

export function documentFacts(): FindDocumentsOfMatters {
  if (!findDocuments) throw new Error('The rules were not given the documents context\'s query: import system/modules.ts, which wires it, before running them.');
  return findDocuments;
}
