import type { DocumentRow } from '../entities/index.js';
import type { DocumentsContext } from '../loaders.js';

export const Document = {
  __resolveReference: ({ id }: { id: string }, { loaders }: DocumentsContext) => loaders.visibleDocument(id),
  receivedAt: (document: DocumentRow) => document.receivedAt.toISOString(),
  matter: (document: DocumentRow) => ({ __typename: 'Matter', number: document.matterNumber }),
  syncedAt: (document: DocumentRow) => document.syncedAt.toISOString(),
};
