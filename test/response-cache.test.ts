/**
 * The gateway keeps a client's answers until a change of that client's data drops them (gateway/
 * response-cache/). A client reading their dashboard after the firm moved a hearing or took a
 * payment must see the new date and balance, never the copy the gateway kept; another client never
 * gets that copy; a disabled account gets nothing; and a second gateway replica drops its copy when
 * the change commits elsewhere (PostgreSQL NOTIFY).
 */
import { DEFAULT_SIM_TOKEN } from '../shared/config-env.js';
import { startTestSystem, type TestSystem } from './support/system.js';
import { freePort, runScript, stopProcess, waitFor, type RunningProcess } from './support/processes.js';

const DASHBOARD = `{ matters { id title events { id startsAt } invoices { id status balance { amount } } } }`;
interface Dashboard {
  matters: Array<{ id: string; title: string; events: Array<{ id: string; startsAt: string }>; invoices: Array<{ id: string; status: string; balance: { amount: string } }> }>;
}

describe('the response cache', () => {
  let system: TestSystem;
  let ava: string;

  const dashboard = async (token: string, url?: string): Promise<Dashboard> => {
    const body = url
      ? await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: DASHBOARD }) })).json() as { data?: Dashboard; errors?: unknown }
      : await system.graphql<Dashboard>(token, DASHBOARD);
    if (!body.data || body.errors) throw new Error(`dashboard failed: ${JSON.stringify(body.errors)}`);
    return body.data;
  };
  const legacy = (base: string, token: string) => async (path: string, init: { method: string; body: unknown }) => {
    const response = await fetch(`${base}${path}`, {
      method: init.method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(init.body),
    });
    if (response.status >= 300) throw new Error(`${init.method} ${path} answered ${response.status}: ${await response.text()}`);
  };
  /** A write no write path makes (so nothing announces it): still unseen means the answer came from the cache. */
  const editBehindTheCache = (matterId: string) =>
    system.database.dataSource.query(`UPDATE matters.matters SET title = title || ' (edited behind the cache)' WHERE id = $1`, [matterId]);
  const firstHearing = (data: Dashboard) => {
    const matter = data.matters.find((m) => m.events.some((e) => e.id.startsWith('calendar:')))!;
    return { matter, event: matter.events.find((e) => e.id.startsWith('calendar:'))! };
  };
  const moveHearing = (eventId: string, startAt: string) =>
    legacy(system.simulators!.cms.url, DEFAULT_SIM_TOKEN)(`/api/v4/calendar_entries/${eventId.slice('calendar:'.length)}.json`, {
      method: 'PATCH', body: { data: { start_at: startAt, end_at: startAt.replace(/T12:/, 'T13:') } },
    });

  beforeAll(async () => {
    system = await startTestSystem();
    ava = await system.login('ava.martin@example.com');
  }, 120_000);
  afterAll(async () => {
    await system?.stop();
  });

  it('shows a hearing moved and a bill paid in the legacy systems after the sync, never the kept answer', async () => {
    const before = await dashboard(ava);
    const { matter, event } = firstHearing(before);
    const unpaid = before.matters.flatMap((m) => m.invoices).find((i) => Number(i.balance.amount) > 0)!;
    expect(unpaid).toBeDefined();
    await editBehindTheCache(matter.id);
    // The answer is kept: the unannounced edit does not show.
    expect(await dashboard(ava)).toEqual(before);

    await moveHearing(event.id, '2027-03-15T12:00:00Z');
    await legacy(system.simulators!.billing.url, system.config.legacy.billing.token)(`/api/v4/bills/${unpaid.id}/payments.json`, {
      method: 'POST', body: { data: { amount: unpaid.balance.amount } },
    });
    await system.syncNow();

    const after = await dashboard(ava);
    const moved = after.matters.find((m) => m.id === matter.id)!;
    expect(moved.events.find((e) => e.id === event.id)!.startsAt).toBe('2027-03-15T12:00:00.000Z');
    const paid = after.matters.flatMap((m) => m.invoices).find((i) => i.id === unpaid.id)!;
    expect(paid).toMatchObject({ status: 'PAID', balance: { amount: expect.stringMatching(/^0(\.0+)?$/) } });
  });

  it("drops only the answers of the client a synced change belongs to: another client's kept answer stays", async () => {
    // Ben is the bystander: no earlier test changed his data, so nothing of his is in flight.
    const ben = await system.login('ben.okafor@example.com');
    const benBefore = await dashboard(ben);
    const benMatter = benBefore.matters[0]!.id;
    await editBehindTheCache(benMatter);
    try {
      const { event } = firstHearing(await dashboard(ava));
      await moveHearing(event.id, '2027-04-20T12:00:00Z');
      await system.syncNow();
      // Ava's hearing moved: her answer was dropped and reads the new date …
      const avaAfter = await dashboard(ava);
      expect(avaAfter.matters.flatMap((m) => m.events).find((e) => e.id === event.id)!.startsAt).toBe('2027-04-20T12:00:00.000Z');
      // … while Ben's kept answer was not touched by her change (the edit behind the cache still unseen).
      expect(await dashboard(ben)).toEqual(benBefore);
    } finally {
      await system.database.dataSource.query(`UPDATE matters.matters SET title = replace(title, ' (edited behind the cache)', '') WHERE id = $1`, [benMatter]);
    }
  });

  it("never gives one client another client's kept answer", async () => {
    const avas = await dashboard(ava);
    await dashboard(ava);
    const ben = await dashboard(await system.login('ben.okafor@example.com'));
    const avaIds = new Set(avas.matters.map((m) => m.id));
    expect(ben.matters.length).toBeGreaterThan(0);
    expect(ben.matters.filter((m) => avaIds.has(m.id))).toEqual([]);
  });

  it("drops the caller's answers when they change something through a mutation", async () => {
    const query = '{ notificationPreferences { frequency dailyHour } }';
    const read = async () => (await system.graphql<{ notificationPreferences: { frequency: string; dailyHour: number } }>(ava, query)).data!.notificationPreferences;
    const before = await read();
    const dailyHour = (before.dailyHour + 5) % 24;
    const changed = await system.graphql(ava, 'mutation($h: Int!) { updateNotificationPreferences(input: { frequency: DAILY, dailyHour: $h }) { dailyHour } }', { h: dailyHour });
    expect(changed.errors).toBeUndefined();
    expect(await read()).toEqual({ frequency: 'DAILY', dailyHour });
  });

  it("keeps the caller's other answers when the chatbot records a turn, and drops their conversations", async () => {
    const before = await dashboard(ava);
    const matterId = before.matters[0]!.id;
    await editBehindTheCache(matterId);
    const CONVERSATIONS = '{ conversations(first: 100) { nodes { id } } }';
    const conversations = async () => (await system.graphql<{ conversations: { nodes: Array<{ id: string }> } }>(ava, CONVERSATIONS)).data!.conversations.nodes.map((c) => c.id);
    const known = await conversations();
    try {
      const conversationId = crypto.randomUUID();
      const recorded = await system.graphql(ava, 'mutation($input: ChatTurnInput!) { recordChatTurn(input: $input) { id } }', {
        input: { conversationId, language: 'en', message: 'When is my next court date?', answer: 'No hearing is scheduled.', intent: 'next_hearing', refused: false },
      });
      expect(recorded.errors).toBeUndefined();
      // The turn touched only conversations: the dashboard is still the kept copy (the edit behind it unseen) …
      expect(await dashboard(ava)).toEqual(before);
      // … and the conversations answer was dropped, so the new one is there.
      expect(await conversations()).toEqual([conversationId, ...known]);
    } finally {
      await system.database.dataSource.query(`UPDATE matters.matters SET title = replace(title, ' (edited behind the cache)', '') WHERE id = $1`, [matterId]);
    }
  });

  it('gives a disabled account no kept answer', async () => {
    const carla = await system.login('ben.okafor@example.com');
    await dashboard(carla);
    await system.database.dataSource.query(`UPDATE identity.accounts SET disabled = true WHERE email = 'ben.okafor@example.com'`);
    try {
      // Account status is re-read at most once a second (gateway/account-status.ts).
      await waitFor(async () => (await system.graphql(carla, DASHBOARD)).errors?.[0]?.extensions?.code === 'UNAUTHENTICATED', 10_000, () => 'the disabled account was still answered');
      expect((await system.graphql(carla, DASHBOARD)).data ?? null).toBeNull();
    } finally {
      await system.database.dataSource.query(`UPDATE identity.accounts SET disabled = false WHERE email = 'ben.okafor@example.com'`);
    }
  });

  // PGlite serves one process: a second gateway process needs a database server to share.
  const onServer = process.env.DATABASE_URL ? it : it.skip;
  onServer('a second gateway process drops its kept answer when the sync commits a change (NOTIFY)', async () => {
    const port = await freePort();
    const { subgraphUrls } = system;
    const second: RunningProcess = runScript('start:gateway', {
      PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: system.config.databaseUrl!, DEMO_ACCOUNTS: 'false',
      MATTERS_SUBGRAPH_URL: subgraphUrls.matters, DOCUMENTS_SUBGRAPH_URL: subgraphUrls.documents, BILLING_SUBGRAPH_URL: subgraphUrls.billing,
      NOTIFICATIONS_SUBGRAPH_URL: subgraphUrls.notifications, AUDIT_SUBGRAPH_URL: subgraphUrls.audit, INGEST_SUBGRAPH_URL: subgraphUrls.ingest, INTAKE_SUBGRAPH_URL: subgraphUrls.intake,
    });
    try {
      const url = `http://127.0.0.1:${port}/graphql`;
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200, 60_000, () => second.output());
      const before = await dashboard(ava, url);
      const { matter, event } = firstHearing(before);
      // Kept there too, once its LISTEN connection is up (until then it keeps nothing).
      await waitFor(async () => {
        const kept = await dashboard(ava, url);
        await editBehindTheCache(matter.id);
        return JSON.stringify(await dashboard(ava, url)) === JSON.stringify(kept);
      }, 10_000, () => 'the second gateway kept nothing');

      await moveHearing(event.id, '2027-04-20T12:00:00Z');
      await system.syncNow();
      // The NOTIFY is delivered at commit, asynchronously: wait for it, with a deadline.
      await waitFor(
        async () => (await dashboard(ava, url)).matters.find((m) => m.id === matter.id)!.events.find((e) => e.id === event.id)!.startsAt === '2027-04-20T12:00:00.000Z',
        10_000, () => `the second gateway kept the old hearing date\n${second.output()}`,
      );
    } finally {
      await stopProcess(second);
    }
  }, 90_000);
});
