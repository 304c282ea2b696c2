/** `npm run start:billing`: the billing subgraph on its own, against DATABASE_URL. */
import 'reflect-metadata';
import { runStandalone } from '../../shared/graphql/standalone.js';
import { DATABASE } from '../modules.js';
import { startBillingSubgraph } from '../../subgraphs/billing/server.js';

await runStandalone('billing subgraph', 'billing', DATABASE, ({ config, dataSource, logger }) =>
  startBillingSubgraph({ config, dataSource, logger, port: config.ports.billing }));
