import { MappingKind, type MutationResolvers, type QueryResolvers, type ValueMappingResolvers } from '../generated/resolvers.js';
import { mappingKindName } from '../mappings.js';

const GRAPHQL_KINDS: readonly string[] = Object.values(MappingKind);
const isGraphqlKind = (name: string): name is MappingKind => GRAPHQL_KINDS.includes(name);

export const mappingQueries: Pick<QueryResolvers, 'valueMappings'> = {
  valueMappings: (_, args, { loaders }) => loaders.mappings.current(args.kind),
};

export const mappingMutations: MutationResolvers = {
  addValueMapping: (_, args, { loaders }) => loaders.mappings.add(args),
};

export const ValueMapping: ValueMappingResolvers = {
  kind: (mapping) => {
    // The kinds are the modules' (system/modules.ts); the SDL's MappingKind must name each of them.
    const name = mappingKindName(mapping.kind);
    if (!isGraphqlKind(name)) throw new Error(`Mapping kind ${mapping.kind} has no MappingKind value in subgraphs/ingest/schema.graphql: add ${name} there.`);
    return name;
  },
};
