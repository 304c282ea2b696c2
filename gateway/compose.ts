import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { SubgraphName } from '../shared/config.js';
import { readSubgraphSdl } from '../shared/graphql/sdl.js';

export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['matters', 'documents', 'billing', 'notifications', 'audit', 'ingest', 'intake'];

/** Where the supergraph says each subgraph is; the gateway's config can override each at run time. */
export const DEFAULT_SUBGRAPH_URLS: Record<SubgraphName, string> = {
  matters: 'http://127.0.0.1:4001/graphql',
  documents: 'http://127.0.0.1:4002/graphql',
  billing: 'http://127.0.0.1:4003/graphql',
  notifications: 'http://127.0.0.1:4004/graphql',
  audit: 'http://127.0.0.1:4005/graphql',
  ingest: 'http://127.0.0.1:4007/graphql',
  intake: 'http://127.0.0.1:4008/graphql',
};

export const SUPERGRAPH_FILE = new URL('./supergraph.graphql', import.meta.url);

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/** Composes the subgraphs' SDL files into the supergraph the gateway serves. */
export async function composeSupergraph(urls: Record<SubgraphName, string> = DEFAULT_SUBGRAPH_URLS): Promise<string> {
  const services = await Promise.all(SUBGRAPH_NAMES.map(async (name) => ({
    name,
    url: urls[name],
    typeDefs: parse(await readSubgraphSdl(new URL(`../subgraphs/${name}/schema.graphql`, import.meta.url))),
  })));
  const result = composeServices(services);
  if (result.errors) {
    throw new CompositionError(`The subgraphs do not compose:\n${result.errors.map((e) => `  - ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
