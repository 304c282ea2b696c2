/** `npm run start:intake`: the intake subgraph on its own, against DATABASE_URL. */
import 'reflect-metadata';
import { runStandalone } from '../../shared/graphql/standalone.js';
import { DATABASE } from '../modules.js';
import { startIntakeSubgraph } from '../../subgraphs/intake/module.js';

await runStandalone('intake subgraph', 'intake', DATABASE, ({ config, dataSource, logger }) =>
  startIntakeSubgraph({ config, dataSource, logger, port: config.ports.intake }));
