import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import type { GatewayContext } from './graphql.js';
import { subgraphFetchDuration } from '../shared/observability/metrics.js';
import { SpanKind, withSpan } from '../shared/observability/tracing.js';

/** A subgraph's non-2xx answer as `RemoteGraphQLDataSource.errorFromResponse` keeps it. */
const failedFetch = z.object({
  status: z.number(),
  body: z.object({
    data: z.record(z.string(), z.unknown()).nullable().optional(),
    errors: z.array(z.object({
      message: z.string(),
      path: z.array(z.union([z.string(), z.number()])).optional(),
      locations: z.array(z.object({ line: z.number(), column: z.number() })).optional(),
      extensions: z.record(z.string(), z.unknown()).optional(),
    })).min(1),
  }),
});

/** What a subgraph answers (a type of `@apollo/server-gateway-interface`, not a dependency of ours). */
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>['process']>>;

/** 401/403 say the subgraph refused the gateway's signed identity: the gateway's fault, not the caller's. */
const IDENTITY_REFUSED = new Set([401, 403]);

/**
 * The gateway's client of a subgraph. `RemoteGraphQLDataSource` turns any non-2xx answer into a
 * failed fetch ("400: Bad Request"), dropping the GraphQL errors in its body, so a subgraph error
 * that sets an HTTP status (Apollo Server makes it the response's) would reach the client as
 * INTERNAL_SERVER_ERROR. Here such an answer's errors are relayed like a 200's: with their path,
 * through formatGatewayError, which passes only our codes.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  /**
   * Node's fetch rather than the default make-fetch-happen: that one keeps idle sockets open for
   * ever, while a subgraph's server closes them after its keep-alive timeout (5 s), so under load a
   * fetch went out on a socket being closed and failed with ECONNRESET, "socket hang up" (seen by
   * the soak: a few INTERNAL_SERVER_ERRORs a minute). Node's fetch retires a socket before the
   * server's `Keep-Alive: timeout` runs out.
   */
  constructor(private readonly subgraph: string, config: ConstructorParameters<typeof RemoteGraphQLDataSource<GatewayContext>>[0] = {}) {
    super({ fetcher: fetch as NonNullable<typeof config>['fetcher'], ...config });
  }

  /** One span per fetch (a child of the gateway's request span), whose context the fetch's `traceparent` carries. */
  override process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    return withSpan(`subgraph ${this.subgraph}`, { kind: SpanKind.CLIENT, attributes: { 'casebridge.subgraph': this.subgraph } }, () => this.relayErrors(options));
  }

  private async relayErrors(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<SubgraphResponse> {
    const timer = subgraphFetchDuration.startTimer({ subgraph: this.subgraph });
    try {
      const response = await super.process(options);
      timer({ outcome: 'ok' });
      return response;
    } catch (error) {
      timer({ outcome: 'error' });
      const answer = error instanceof GraphQLError ? failedFetch.safeParse(error.extensions['response']) : undefined;
      if (!answer?.success || IDENTITY_REFUSED.has(answer.data.status)) throw error;
      return { data: answer.data.body.data ?? null, errors: answer.data.body.errors };
    }
  }
}
