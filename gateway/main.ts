/**
 * `npm run start:gateway`: the gateway on its own against DATABASE_URL, the subgraphs at
 * *_SUBGRAPH_URL (or the supergraph's URLs). Healthy once the worker has done the first import.
 */
import 'reflect-metadata';
import { runStandalone } from '../shared/graphql/standalone.js';
import { isInitialImportDone } from '../subgraphs/ingest/index.js';
import { DATABASE } from '../system/modules.js';
import { startGateway } from './server.js';

await runStandalone('gateway', DATABASE, ({ config, dataSource, logger }) =>
  startGateway({ config, dataSource, logger, port: config.ports.gateway, isReady: () => isInitialImportDone(dataSource) }));
