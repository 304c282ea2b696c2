/** `npm run start:notifications`: the notifications subgraph on its own, against DATABASE_URL. */
import 'reflect-metadata';
import { runStandalone } from '../../shared/graphql/standalone.js';
import { DATABASE } from '../modules.js';
import { startNotificationsSubgraph } from '../../subgraphs/notifications/server.js';

await runStandalone('notifications subgraph', 'notifications', DATABASE, ({ config, dataSource, logger }) =>
  startNotificationsSubgraph({ config, dataSource, logger, port: config.ports.notifications }));
