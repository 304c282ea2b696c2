/**
 * The peer bench:peer measures ours against: Hive Gateway 2.15.1, its runtime used programmatically
 * (@graphql-hive/gateway-runtime, the engine that release ships, imported without its CLI), over the
 * same supergraph (gateway/supergraph.graphql) and the same subgraphs
 * (*_SUBGRAPH_URL), in its own process. `node --import tsx bench/peer/hive-gateway.ts`, with
 * HIVE_PLANNER=rust for its Rust query planner (@graphql-hive/router-runtime) and HIVE_DEDUP=off to
 * turn off its in-flight deduplication of identical subgraph fetches. Sends its URL over IPC.
 *
 * Like our gateway it verifies the client's bearer token (shared/auth/tokens.ts) and sends every
 * subgraph the caller's identity signed for that subgraph and operation
 * (shared/auth/subgraph-identity.ts). The identity enters Hive's deduplication key (a per-principal
 * header set before the fetch, replaced by the signed identity once the exact body is known), so
 * identical fetches are shared only within one principal, never across.
 */
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError } from 'graphql';
import { loadConfig, type SubgraphName } from '../../shared/config.js';
import type { Principal } from '../../shared/auth/principal.js';
import { createTokenVerifier } from '../../shared/auth/tokens.js';
import { IDENTITY_HEADER, signSubgraphIdentity } from '../../shared/auth/subgraph-identity.js';
import { reportListening } from '../support/processes.js';

const config = loadConfig();
const verify = createTokenVerifier(config);
const rust = process.env.HIVE_PLANNER === 'rust';
const dedup = process.env.HIVE_DEDUP !== 'off';

// The supergraph with each subgraph's URL replaced by where the bench runs it.
const urls = config.subgraphUrls as Partial<Record<SubgraphName, string>>;
const subgraphOfUrl = new Map<string, SubgraphName>();
let supergraph = await readFile(new URL('../../gateway/supergraph.graphql', import.meta.url), 'utf8');
for (const [name, url] of Object.entries(urls) as Array<[SubgraphName, string | undefined]>) {
  if (!url) continue;
  subgraphOfUrl.set(url, name);
  supergraph = supergraph.replace(new RegExp(`(@join__graph\\(name: "${name}", url: )"[^"]*"`), `$1"${url}"`);
}

const unauthenticated = () => new GraphQLError('You must sign in.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

const identityPlugin: GatewayPlugin<{ principal: Principal }> = {
  async onContextBuilding({ context, extendContext }) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(context.request.headers.get('authorization') ?? '')?.[1];
    if (!token) throw unauthenticated();
    extendContext({ principal: await verify(token).catch(() => { throw unauthenticated(); }) });
  },
  // Before the executor computes its deduplication key: the principal's account id stands in for the identity.
  onSubgraphExecute({ executionRequest }) {
    const principal = (executionRequest.context as { principal?: Principal } | undefined)?.principal;
    if (!principal) return;
    const extensions = (executionRequest.extensions ??= {});
    extensions['headers'] = { ...(extensions['headers'] as Record<string, string> | undefined), [IDENTITY_HEADER]: `principal:${principal.accountId}` };
  },
  // The exact body is known here: sign it as our gateway does (gateway/graphql.ts).
  async onFetch({ url, options, setOptions, context }) {
    const principal = (context as { principal?: Principal }).principal;
    const subgraph = subgraphOfUrl.get(url);
    if (!principal || !subgraph || typeof options.body !== 'string') return;
    const { query, variables } = JSON.parse(options.body) as { query: string; variables?: unknown };
    const identity = await signSubgraphIdentity(principal, config.auth.subgraphSecret, { subgraph, operation: { query, variables } });
    setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), [IDENTITY_HEADER]: identity } });
  },
};

const gateway = createGatewayRuntime({
  supergraph,
  logging: 'error',
  landingPage: false,
  graphiql: false,
  // Imported only when asked for: its native planner may be missing where its prebuilt binary is.
  ...(rust ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler } : {}),
  ...(dedup ? {} : { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } }),
  plugins: () => [identityPlugin],
});
const server = http.createServer(gateway);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address() as AddressInfo;
reportListening(`http://127.0.0.1:${port}/graphql`, async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await gateway.dispose();
});
