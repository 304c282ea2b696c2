import type { SubgraphResolvers } from '../../../shared/graphql/subgraph-server.js';
import type { BillingLoaders } from '../loaders.js';
import { Invoice } from './Invoice.js';
import { Matter } from './Matter.js';
import { Client } from './Client.js';

export const resolvers: SubgraphResolvers<BillingLoaders> = { Invoice, Matter, Client };
