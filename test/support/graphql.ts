import assert from 'node:assert/strict';
import type { Principal } from '../../shared/auth/principal.js';
import { IDENTITY_HEADER, signSubgraphIdentity, type SubgraphOperation } from '../../shared/auth/subgraph-identity.js';
import type { Config, SubgraphName } from '../../shared/config.js';

const ALL_SUBGRAPHS: readonly SubgraphName[] = ['matters', 'documents', 'billing', 'notifications', 'audit', 'ingest'];

/** Headers for one operation: the gateway's identity is signed for the operation it accompanies. */
export type SignedHeaders = (operation: SubgraphOperation) => Promise<Record<string, string>>;
export type GraphQLHeaders = Record<string, string> | SignedHeaders;
const headersFor = async (headers: GraphQLHeaders, operation: SubgraphOperation) => (typeof headers === 'function' ? headers(operation) : headers);

export interface GraphQLBody<T = Record<string, unknown>> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: { code?: string; stacktrace?: unknown } }>;
}

/** POST a GraphQL operation as JSON; returns the status and the parsed body. */
export async function postGraphQL<T = Record<string, unknown>>(
  url: string, query: string, variables: Record<string, unknown> = {}, headers: GraphQLHeaders = {},
): Promise<{ status: number; body: GraphQLBody<T> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await headersFor(headers, { query, variables })) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as GraphQLBody<T>;
  return { status: response.status, body };
}

/** POST a GraphQL operation as JSON; returns the status and the body exactly as sent, for byte-for-byte comparisons. */
export async function postGraphQLText(
  url: string, query: string, variables: Record<string, unknown> = {}, headers: GraphQLHeaders = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(await headersFor(headers, { query, variables })) },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, text: await response.text() };
}

/**
 * The header the gateway would send for this principal, signed for each operation it is posted
 * with (by postGraphQL) and for `subgraph` — by default for any subgraph, as a test that calls one
 * directly does not say which.
 */
export async function asGateway(principal: Principal, config: Config, subgraph: SubgraphName | readonly SubgraphName[] = ALL_SUBGRAPHS): Promise<SignedHeaders> {
  return async (operation) => ({ [IDENTITY_HEADER]: await signSubgraphIdentity(principal, config.auth.subgraphSecret, { subgraph, operation }) });
}

/** POST as the gateway would for `principal`, asserting no errors; returns data. */
export async function querySubgraph<T>(url: string, principal: Principal, config: Config, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { body } = await postGraphQL<T>(url, query, variables, await asGateway(principal, config));
  assert.equal(body.errors, undefined, JSON.stringify(body.errors));
  assert.ok(body.data);
  return body.data;
}

/** Every subgraph refuses these without the gateway's identity. */
export const FEDERATION_PROBES = [
  '{ _service { sdl } }',
  'query { _entities(representations: [{ __typename: "Matter", id: "1" }]) { __typename } }',
];
