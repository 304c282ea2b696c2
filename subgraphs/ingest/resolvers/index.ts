import type { Resolvers } from '../generated/resolvers.js';
import { syncHealthQuery } from './sync-health.js';
import { QuarantineConnection, QuarantineItem, quarantineQuery } from './quarantine.js';
import { ValueMapping, mappingMutations, mappingQueries } from './mappings.js';

/** The sync's staff queries and the value mappings, typed from the SDL. */
export const resolvers: Resolvers = {
  Query: { ...syncHealthQuery, ...quarantineQuery, ...mappingQueries },
  Mutation: mappingMutations,
  QuarantineItem,
  QuarantineConnection,
  ValueMapping,
};
