import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { AUTHORIZATION_SDL } from './authorization/vocabulary.js';

/** The `DateTime` scalar's declaration; its implementation is date-time.ts. */
export const DATE_TIME_SDL = readFileSync(new URL('./date-time.graphql', import.meta.url), 'utf8');

/**
 * What every subgraph's schema.graphql uses without declaring: the access directives and the
 * DateTime scalar. Each subgraph is served (subgraph-server.ts), composed (gateway/compose.ts) and
 * code-generated (codegen.ts) with this prepended, so it is written once.
 */
export const withSharedSdl = (subgraphSdl: string): string => `${AUTHORIZATION_SDL}\n${DATE_TIME_SDL}\n${subgraphSdl}`;

/** A subgraph's SDL file, with the shared definitions prepended. */
export const readSubgraphSdl = async (schemaFile: URL): Promise<string> => withSharedSdl(await readFile(schemaFile, 'utf8'));

/** The same, synchronously, for codegen.ts's configuration. */
export const readSubgraphSdlSync = (schemaFile: URL): string => withSharedSdl(readFileSync(schemaFile, 'utf8'));
