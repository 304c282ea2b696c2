/**
 * One server of bench:peer in its own process: `node --import tsx bench/support/serve.ts <name>`
 * with name a subgraph (matters, documents, billing, notifications) or `gateway` (ours, as shipped,
 * reaching the subgraphs at *_SUBGRAPH_URL), against DATABASE_URL. Sends its URL over IPC.
 */
import 'reflect-metadata';
import { loadConfig } from '../../shared/config.js';
import { createLogger } from '../../shared/logger.js';
import { openDatabase } from '../../shared/db/data-source.js';
import { DATABASE } from '../../system/modules.js';
import { startMattersSubgraph } from '../../subgraphs/matters/server.js';
import { startDocumentsSubgraph } from '../../subgraphs/documents/server.js';
import { startBillingSubgraph } from '../../subgraphs/billing/server.js';
import { startNotificationsSubgraph } from '../../subgraphs/notifications/server.js';
import { startGateway } from '../../gateway/server.js';
import { isInitialImportDone } from '../../subgraphs/ingest/index.js';
import { reportListening } from './processes.js';

const SERVERS = {
  matters: startMattersSubgraph,
  documents: startDocumentsSubgraph,
  billing: startBillingSubgraph,
  notifications: startNotificationsSubgraph,
  gateway: startGateway,
} as const;

const name = process.argv[2];
if (!name || !(name in SERVERS)) {
  process.stderr.write(`serve.ts: name one of ${Object.keys(SERVERS).join(', ')}\n`);
  process.exit(2);
}
const config = loadConfig();
if (!config.databaseUrl) throw new Error('serve.ts needs DATABASE_URL');
const logger = createLogger(`bench:${name}`, config.logLevel);
const database = await openDatabase(config.databaseUrl, DATABASE);
const { dataSource } = database;
const server = name === 'gateway'
  ? await startGateway({ config, dataSource, logger, port: 0, subgraphUrls: config.subgraphUrls, isReady: () => isInitialImportDone(dataSource) })
  : await SERVERS[name as Exclude<keyof typeof SERVERS, 'gateway'>]({ config, dataSource, logger, port: 0 });
reportListening(server.url, async () => {
  await server.close();
  await database.close();
});
