/**
 * A live connection is worth exactly what its token is: it ends when the token expires or the
 * account is disabled (and such tokens stop working over HTTP too, on every replica); one client
 * cannot multiply connections or subscriptions past their caps, however fast it sends; and the
 * playground subscribes over graphql-ws while HTTP says where to go.
 */
import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import { startGateway } from '../gateway/server.js';
import { createLogger } from '../shared/logger.js';
import { createAccount, findAccountByEmail } from '../shared/auth/accounts.js';
import { issueAccessToken } from '../shared/auth/tokens.js';
import type { Config } from '../shared/config.js';
import type { RunningServer } from '../shared/graphql/subgraph-server.js';
import { recordEvents, type NewDomainEvent } from '../shared/events/index.js';
import { startTestSystem, type TestSystem } from './support/system.js';
import { RawLiveConnection, within, wsUrl, type LiveMessage } from './support/live.js';

const hearing = (matterId: string, title: string): NewDomainEvent => ({
  type: 'hearing.scheduled', subject: `calendar:${randomUUID()}`, matterId, occurredAt: new Date(), dedupeKey: randomUUID(),
  payload: { eventId: randomUUID(), matterId, kind: 'HEARING', title, startsAt: '2026-12-10T15:00:00.000Z', endsAt: null, location: 'Courtroom 4' },
});
const matterUpdated = 'subscription($id: ID!) { matterUpdated(matterId: $id) { change } }';

describe('live connections: token life, account status, caps, and the playground', () => {
  let system: TestSystem;
  let ava: string;
  let ben: string;
  let avaMatterId: string;
  let avaClientId: string;
  const connections: RawLiveConnection[] = [];
  const open = async (url: string, init: Record<string, unknown>) => {
    const connection = await RawLiveConnection.open(url, init);
    connections.push(connection);
    return connection;
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  /** Another gateway replica on the same database, with its own live limits. */
  const replica = (live: Partial<Config['live']> = {}): Promise<RunningServer> => startGateway({
    config: { ...system.config, live: { ...system.config.live, ...live } }, dataSource: system.database.dataSource,
    logger: createLogger('test', 'silent'), port: 0, subgraphUrls: system.subgraphUrls, embeddedDatabase: system.embeddedDatabase,
  });
  const post = async (url: string, token: string, query: string) => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
    return { status: response.status, body: (await response.json()) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
  };

  beforeAll(async () => {
    system = await startTestSystem();
    ava = await system.login('ava.martin@example.com');
    ben = await system.login('ben.okafor@example.com');
    const mine = await system.graphql<{ matters: Array<{ id: string }>; me: { client: { id: string } } }>(ava, '{ me { client { id } } matters { id } }');
    avaMatterId = mine.data!.matters[0]!.id;
    avaClientId = mine.data!.me.client.id;
  }, 120_000);
  afterAll(async () => {
    for (const connection of connections) connection.close();
    await system?.stop();
  });

  it('closes a connection with 4403 when its token expires', async () => {
    const account = (await findAccountByEmail(system.database.dataSource, 'ava.martin@example.com'))!;
    const shortLived = await issueAccessToken(
      { accountId: account.id, email: account.email, role: account.role, clientId: account.clientId, staffId: account.staffId },
      { ...system.config.auth, tokenTtlSeconds: 2 },
    );
    const connection = await open(system.gatewayUrl, bearer(shortLived));
    await connection.acknowledged();
    const { code, reason } = await within(connection.closed, 10_000, 'close at token expiry');
    expect(code).toBe(4403);
    expect(reason).toMatch(/token has expired.*sign in again/);
  });

  it('refuses a disabled account everywhere within seconds: its live connections close, HTTP and new connections on every replica refuse its token', async () => {
    const email = `ava.${randomUUID()}@example.com`;
    const account = await createAccount(system.database.dataSource, { email, password: 'casebridge-demo', role: 'CLIENT', clientId: avaClientId });
    const token = await system.login(email);
    const other = await replica();
    try {
      const live = await open(system.gatewayUrl, bearer(token));
      await live.acknowledged();
      live.subscribe('1', 'subscription { notificationAdded { title } }');
      expect((await post(other.url, token, '{ me { email } }')).status).toBe(200);

      await system.database.dataSource.query('UPDATE identity.accounts SET disabled = true WHERE id = $1', [account.id]);
      const { code, reason } = await within(live.closed, 10_000, 'close of the disabled account\'s connection');
      expect({ code, reason }).toEqual({ code: 4403, reason: expect.stringContaining('disabled') });
      for (const url of [system.gatewayUrl, other.url]) {
        const deadline = Date.now() + 10_000;
        let answer = await post(url, token, '{ me { email } }');
        while (answer.status === 200 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 200));
          answer = await post(url, token, '{ me { email } }');
        }
        expect(answer.status).toBe(401);
        expect(answer.body.errors?.[0]).toEqual({ message: expect.stringContaining('disabled'), extensions: { code: 'UNAUTHENTICATED' } });
        const again = await open(url, bearer(token));
        expect(await within(again.closed, 10_000, 'refusal of a new connection')).toEqual({ code: 4403, reason: expect.stringContaining('disabled') });
      }
    } finally {
      await other.close();
    }
  });

  it('starts exactly LIVE_MAX_SUBSCRIPTIONS_PER_CONNECTION of a burst of subscribe frames on one socket', async () => {
    const limited = await replica({ maxSubscriptionsPerConnection: 3 });
    try {
      const connection = await open(limited.url, bearer(ava));
      await connection.acknowledged();
      const ids = Array.from({ length: 12 }, (_, i) => `s${i}`);
      for (const id of ids) connection.subscribe(id, matterUpdated, { id: avaMatterId });
      const refused = await connection.waitFor((m) => m.type === 'error', 'refusals', ids.length - 3);
      expect(refused.map((m) => m.payload)).toEqual(Array(ids.length - 3).fill([expect.objectContaining({ message: expect.stringContaining('At most 3 subscriptions per connection') })]));
      // The three that started each get the next change of Ava's matter; the refused ones never do.
      const refusedIds = new Set(refused.map((m) => m.id));
      const isNext = (m: LiveMessage) => m.type === 'next';
      const deadline = Date.now() + 20_000;
      while (new Set(connection.messages.filter(isNext).map((m) => m.id)).size < 3 && Date.now() < deadline) {
        await system.database.dataSource.transaction((m) => recordEvents(m, [hearing(avaMatterId, 'Burst hearing')]));
        await connection.waitFor(isNext, 'a delivery', connection.messages.filter(isNext).length + 1, 500).catch(() => undefined);
      }
      const delivered = new Set(connection.messages.filter(isNext).map((m) => m.id));
      expect(delivered.size).toBe(3);
      expect([...delivered].filter((id) => refusedIds.has(id))).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it('refuses the connection past LIVE_MAX_CONNECTIONS_PER_ACCOUNT and _PER_ADDRESS with 4429 and the cap, even in a burst, and frees a place on close', async () => {
    const limited = await replica({ maxConnectionsPerAccount: 2, maxConnectionsPerAddress: 3 });
    try {
      const burst = await Promise.all(Array.from({ length: 3 }, () => open(limited.url, bearer(ava))));
      const outcomes = await Promise.all(burst.map((c) => c.acknowledged().then(() => 'accepted', (error: Error) => error.message)));
      expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(2);
      expect(outcomes.filter((o) => o !== 'accepted')).toEqual(['connection refused: 4429 Too many live connections for this account (LIVE_MAX_CONNECTIONS_PER_ACCOUNT is 2).']);

      // Another account from the same address takes the address's third place; its next connection is refused.
      const benFirst = await open(limited.url, bearer(ben));
      await benFirst.acknowledged();
      const benSecond = await open(limited.url, bearer(ben));
      expect(await within(benSecond.closed, 10_000, 'refusal')).toEqual({ code: 4429, reason: 'Too many live connections from your address (LIVE_MAX_CONNECTIONS_PER_ADDRESS is 3).' });

      // A closed connection gives its places back (once the gateway has seen it close).
      burst[outcomes.indexOf('accepted')]!.close();
      const deadline = Date.now() + 10_000;
      let outcome = '';
      while (outcome !== 'accepted' && Date.now() < deadline) {
        const again = await open(limited.url, bearer(ava));
        outcome = await again.acknowledged().then(() => 'accepted', (error: Error) => error.message);
      }
      expect(outcome).toBe('accepted');
    } finally {
      await limited.close();
    }
  });

  it('answers a subscription sent over HTTP with a 400 naming the graphql-ws endpoint', async () => {
    const { status, body } = await post(system.gatewayUrl, ava, 'subscription { notificationAdded { title } }');
    expect(status).toBe(400);
    expect(body.errors).toEqual([{ message: expect.stringContaining(`Subscriptions are served over WebSocket (graphql-ws) at ${wsUrl(system.gatewayUrl)}`), extensions: { code: 'BAD_USER_INPUT' } }]);
  });

  it("gives GraphiQL's fetcher the graphql-ws URL of the same path, and accepts the token as GraphiQL sends its headers", async () => {
    const base = system.gatewayUrl.replace(/\/graphql$/, '');
    const page = await fetch(system.gatewayUrl, { headers: { accept: 'text/html' } });
    expect(page.headers.get('content-security-policy')).toContain(`ws://${new URL(base).host}`);
    const boot = await (await fetch(`${base}/graphiql/boot.js`)).text();
    // The page's script, run against stand-ins for the browser and GraphiQL's bundle.
    const fetcherOptions: unknown[] = [];
    const element = { addEventListener: () => undefined, textContent: '', value: '' };
    vm.runInNewContext(boot, {
      window: { location: new URL(system.gatewayUrl) },
      document: { getElementById: () => element },
      React: { createElement: () => ({}) },
      ReactDOM: { createRoot: () => ({ render: () => undefined }) },
      GraphiQL: Object.assign(() => null, { createFetcher: (options: unknown) => fetcherOptions.push(options) }),
    });
    expect(fetcherOptions).toEqual([{ url: '/graphql', subscriptionUrl: wsUrl(system.gatewayUrl) }]);

    const connection = await open(system.gatewayUrl, { Authorization: `Bearer ${ava}` });
    await connection.acknowledged();
  });
});
