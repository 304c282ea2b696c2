import type { AddedMapping } from '../sync/mappings.js';
import type { IngestContext } from '../loaders.js';
import { mappingKindName, type AddValueMappingArgs } from '../mappings.js';

export const mappingQueries = {
  valueMappings: (_: unknown, args: { kind?: string | null }, { loaders }: IngestContext) => loaders.mappings.current(args.kind),
};

export const mappingMutations = {
  addValueMapping: (_: unknown, args: AddValueMappingArgs, { loaders }: IngestContext) => loaders.mappings.add(args),
};

export const ValueMapping = {
  kind: (mapping: AddedMapping) => mappingKindName(mapping.kind),
  createdAt: (mapping: AddedMapping) => mapping.createdAt.toISOString(),
};
