/** `npm run start:ingest`: the ingest subgraph on its own, against DATABASE_URL. */
import 'reflect-metadata';
import { runStandalone } from '../../shared/graphql/standalone.js';
import { DATABASE } from '../modules.js';
import { startIngestSubgraph } from '../../subgraphs/ingest/server.js';

await runStandalone('ingest subgraph', 'ingest', DATABASE, ({ config, dataSource, logger }) =>
  startIngestSubgraph({ config, dataSource, logger, port: config.ports.ingest }));
