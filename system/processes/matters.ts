/** `npm run start:matters`: the matters subgraph on its own, against DATABASE_URL. */
import 'reflect-metadata';
import { runStandalone } from '../../shared/graphql/standalone.js';
import { DATABASE } from '../modules.js';
import { startMattersSubgraph } from '../../subgraphs/matters/server.js';

await runStandalone('matters subgraph', 'matters', DATABASE, ({ config, dataSource, logger }) =>
  startMattersSubgraph({
    config, dataSource, logger, port: config.ports.matters,
    cms: config.legacy.cms.url ? { url: config.legacy.cms.url, token: config.legacy.cms.token } : undefined,
  }));
