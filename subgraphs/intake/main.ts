/** `npm run start:intake`: the intake subgraph on its own, against DATABASE_URL. */
import 'reflect-metadata';
import { runStandalone } from '../../shared/graphql/standalone.js';
import { startIntakeSubgraph } from './server.js';

await runStandalone('intake subgraph', ({ config, dataSource, logger }) =>
  startIntakeSubgraph({ config, dataSource, logger, port: config.ports.intake }));
