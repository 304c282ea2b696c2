import { defineLegacySystem, type Module } from '../ingest/index.js';
import { DOCUMENT_KINDS, DocumentRow } from './entities/index.js';
import { startDocumentsSubgraph } from './server.js';
import { DmsClient } from './legacy/dms-client.js';
import { documentReprocessors, dmsSyncs } from './sync/dms-sync.js';

/** The documents context: documents and their kinds, fed by the DMS. */
export { findDocumentsOfMatters } from './published-queries.js';
export const documentsModule: Module = {
  name: 'documents',
  entities: [DocumentRow],
  startSubgraph: startDocumentsSubgraph,
  legacy: defineLegacySystem({
    system: 'dms',
    resources: ['documents'],
    createClient: (options) => new DmsClient(options),
    syncs: dmsSyncs,
    reprocessors: documentReprocessors,
  }),
  mappingKinds: {
    document_type: { graphqlName: 'DOCUMENT_TYPE', canonical: DOCUMENT_KINDS },
  },
};
