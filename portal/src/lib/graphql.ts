import { createClient, type Client } from 'graphql-ws';
import type { Operation } from '../graphql/operations.generated';
import { clearToken, getToken } from './session';

export class GraphQLError extends Error {}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** Variables are required exactly when the operation declares some. */
export type VariablesOf<V> = Record<string, never> extends V ? [variables?: V] : [variables: V];

/**
 * Runs one of the portal's operations (graphql/operations.generated.ts, typed by codegen from the
 * supergraph) with the session's bearer token; an expired or refused token ends the session.
 */
export async function graphql<T, V>(query: Operation<T, V>, ...[variables]: VariablesOf<NoInfer<V>>): Promise<T> {
  const token = getToken();
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables: variables ?? {} }),
  });
  const body = (await response.json()) as GraphQLResponse<T>;
  if (response.status === 401 || body.errors?.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
    clearToken(true);
    throw new GraphQLError('Your session has ended: please sign in again.');
  }
  if (body.errors?.length || !body.data) throw new GraphQLError(body.errors?.map((e) => e.message).join(' ') ?? 'The server sent no data.');
  return body.data;
}

let wsClient: { token: string; client: Client } | null = null;

/** One graphql-ws connection per token, authenticated by its connectionParams. */
function subscriptionClient(token: string): Client {
  if (wsClient?.token === token) return wsClient.client;
  void wsClient?.client.dispose();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
  const client = createClient({ url, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 5 });
  wsClient = { token, client };
  return client;
}

/** Subscribes while the returned function is not called; each result's data goes to `onData`. */
export function subscribe<T, V>(query: Operation<T, V>, variables: NoInfer<V>, onData: (data: T) => void): () => void {
  const token = getToken();
  if (!token) return () => undefined;
  return subscriptionClient(token).subscribe<T>({ query, variables: variables as Record<string, unknown> }, {
    next: (result) => { if (result.data) onData(result.data); },
    error: () => undefined,
    complete: () => undefined,
  });
}
