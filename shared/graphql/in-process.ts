import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { RemoteGraphQLDataSource } from '@apollo/gateway';
import { REQUEST_ID_HEADER, currentRequestScope, requestIdFrom, runInRequestScope } from '../observability/request-id.js';

/** The fetch function a gateway's subgraph data source calls (`@apollo/utils.fetcher`'s type). */
export type SubgraphFetcher = NonNullable<NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher']>;
type FetcherResponse = Awaited<ReturnType<SubgraphFetcher>>;
type FetchInit = Parameters<SubgraphFetcher>[1];

/** A subgraph's answer, already complete, shaped as the Fetch API response the data source reads. */
class InProcessResponse {
  readonly bodyUsed = false;
  readonly redirected = false;
  readonly ok: boolean;
  readonly statusText: string;
  constructor(readonly url: string, readonly status: number, readonly headers: Headers, private readonly body: string) {
    this.ok = status >= 200 && status < 300;
    this.statusText = this.ok ? 'OK' : `HTTP ${status}`;
  }
  async text() { return this.body; }
  async json() { return JSON.parse(this.body) as unknown; }
  async arrayBuffer() { return new TextEncoder().encode(this.body).buffer; }
  clone() { return new InProcessResponse(this.url, this.status, this.headers, this.body); }
}

/**
 * A fetcher that hands the gateway's subgraph request to a subgraph's Apollo Server in this
 * process, through the same entry its HTTP integration uses (`executeHTTPGraphQLRequest`), with the
 * same context function — so the signed identity is verified exactly as over HTTP, and a refusal is
 * the same 401 — but without a socket, an HTTP parser or express in between (`npm start` runs every
 * subgraph in the gateway's process). The subgraph runs in a request scope of its own carrying the
 * gateway's request id, as its HTTP server would set from `X-Request-Id`.
 */
export function inProcessFetcher<C extends BaseContext>(
  server: ApolloServer<C>,
  context: (header: (name: string) => string | undefined, body: unknown) => Promise<C>,
): SubgraphFetcher {
  return async (url: string, init?: FetchInit): Promise<FetcherResponse> => {
    const headers = new HeaderMap();
    for (const [name, value] of Object.entries(init?.headers ?? {})) headers.set(name, value);
    let body: unknown;
    try {
      body = JSON.parse(init?.body?.toString() ?? '');
    } catch {
      return new InProcessResponse(url, 400, new Headers({ 'content-type': 'application/json' }), JSON.stringify({ errors: [{ message: 'The subgraph request body is not JSON.' }] }));
    }
    const requestId = currentRequestScope()?.requestId ?? requestIdFrom(headers.get(REQUEST_ID_HEADER));
    const answer = await runInRequestScope({ requestId }, () => server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: init?.method ?? 'POST', headers, search: '', body },
      context: () => context((name) => headers.get(name), body),
    }));
    let text = '';
    if (answer.body.kind === 'complete') text = answer.body.string;
    else for await (const chunk of answer.body.asyncIterator) text += chunk;
    return new InProcessResponse(url, answer.status ?? 200, new Headers([...answer.headers]), text);
  };
}
