/** `npm run start:audit`: the audit subgraph on its own, against DATABASE_URL. */
import 'reflect-metadata';
import { runStandalone } from '../../shared/graphql/standalone.js';
import { DATABASE } from '../modules.js';
import { startAuditSubgraph } from '../../subgraphs/audit/server.js';

await runStandalone('audit subgraph', 'audit', DATABASE, ({ config, dataSource, logger }) =>
  startAuditSubgraph({ config, dataSource, logger, port: config.ports.audit }));
