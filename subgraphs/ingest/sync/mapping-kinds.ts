import { ingestCatalog } from './catalog.js';

/** A kind of value mapping by its stored name (case_status, document_type, …); the modules declare them. */
export type MappingKind = string;

export const mappingKindNames = (): MappingKind[] => Object.keys(ingestCatalog().mappingKinds);

/** The canonical values a kind may map to (empty for a kind nobody declared). */
export const canonicalValuesOf = (kind: MappingKind): readonly string[] => ingestCatalog().mappingKinds[kind]?.canonical ?? [];

export const isCanonical = (kind: MappingKind, value: string): boolean => canonicalValuesOf(kind).includes(value);

/** The GraphQL enum MappingKind's value → the stored kind. */
export const kindOfGraphqlName = (name: string): MappingKind | undefined =>
  Object.entries(ingestCatalog().mappingKinds).find(([, spec]) => spec.graphqlName === name)?.[0];

/** The stored kind → the GraphQL enum value. */
export const graphqlNameOfKind = (kind: MappingKind): string => ingestCatalog().mappingKinds[kind]?.graphqlName ?? kind;
