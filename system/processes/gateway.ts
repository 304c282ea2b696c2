/**
 * `npm run start:gateway`: the gateway on its own against DATABASE_URL, the subgraphs at
 * *_SUBGRAPH_URL (or the supergraph's URLs). Healthy once the worker has done the first import and
 * the rules have decided its history (gateway/readiness.ts).
 */
import 'reflect-metadata';
import { runStandalone } from '../../shared/graphql/standalone.js';
import { DATABASE } from '../modules.js';
import { RULES_CONSUMER, findPartyByEmail } from '../../subgraphs/matters/module.js';
import { graphReadiness } from '../../gateway/readiness.js';
import { startGateway } from '../../gateway/server.js';

await runStandalone('gateway', 'gateway', DATABASE, ({ config, dataSource, logger }) =>
  startGateway({ config, dataSource, logger, port: config.ports.gateway, isReady: graphReadiness(dataSource, { demoAccounts: config.demoAccounts, historyConsumer: RULES_CONSUMER, findParty: findPartyByEmail }) }));
