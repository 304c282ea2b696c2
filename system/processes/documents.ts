/** `npm run start:documents`: the documents subgraph on its own, against DATABASE_URL. */
import 'reflect-metadata';
import { runStandalone } from '../../shared/graphql/standalone.js';
import { DATABASE } from '../modules.js';
import { startDocumentsSubgraph } from '../../subgraphs/documents/server.js';

await runStandalone('documents subgraph', 'documents', DATABASE, ({ config, dataSource, logger }) =>
  startDocumentsSubgraph({ config, dataSource, logger, port: config.ports.documents }));
