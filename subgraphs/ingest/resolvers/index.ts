import type { SubgraphResolvers } from '../../../shared/graphql/subgraph-server.js';
import type { IngestLoaders } from '../loaders.js';
import { syncHealthQuery } from './sync-health.js';
import { QuarantineConnection, QuarantineItem, quarantineQuery } from './quarantine.js';
import { ValueMapping, mappingMutations, mappingQueries } from './mappings.js';

export const resolvers: SubgraphResolvers<IngestLoaders> = {
  Query: { ...syncHealthQuery, ...quarantineQuery, ...mappingQueries },
  Mutation: mappingMutations,
  QuarantineItem,
  QuarantineConnection,
  ValueMapping,
};
