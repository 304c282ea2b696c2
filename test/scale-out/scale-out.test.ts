/**
 * The firm's IT runs casebridge scaled out: two gateways, two replicas of every subgraph and three
 * workers on one PostgreSQL, behind round-robin balancers. Whichever gateway a client's live
 * connection lands on, they hear of every change; no job runs twice at once, no mail goes twice;
 * a client's rate limit is theirs, not each replica's.
 */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createAccount } from '../../shared/auth/accounts.js';
import { openDatabase, type Database } from '../../shared/db/data-source.js';
import { DATABASE } from '../../system/modules.js';
import { mattersOfClient } from '../../legacy/firm/demo.js';
import type { Contact, Matter } from '../../legacy/firm/types.js';
import { checkMail } from '../chaos/verify.js';
import { waitFor } from '../support/processes.js';
import { startDeployment, type Deployment } from './deployment.js';

const onPostgres = process.env.DATABASE_URL ? describe : describe.skip;
const PASSWORD = 'scale-out-password';
const CLIENT_RATE = 20;

/** `legacy system synced` log lines of one worker: [start, end] of each run, by system. */
function syncRuns(output: string): Array<{ system: string; start: number; end: number }> {
  return output.split('\n').flatMap((line) => {
    if (!line.includes('"legacy system synced"')) return [];
    const entry = JSON.parse(line) as { time: number; ms: number; system: string };
    return [{ system: entry.system, start: entry.time - entry.ms, end: entry.time }];
  });
}

// Needs real PostgreSQL: on PGlite (one session for every connection) nineteen processes cannot share a database, and NOTIFY does not cross them.
onPostgres('scaled out: 2 gateways, 2 replicas of each subgraph, 3 workers', () => {
  let deployment: Deployment;
  let db: Database;
  let ava: { contact: Contact; matter: Matter; token: string };
  const sockets: Client[] = [];

  const login = async (email: string) => {
    const response = await fetch(`${deployment.publicUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
    if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  };
  const clientWithMatters = (skip: number) => {
    const contact = deployment.legacy.sims.store.contacts.all().filter((c) => c.is_client && c.primary_email_address && mattersOfClient(deployment.legacy.sims.firm, c.primary_email_address).length > 0)[skip]!;
    return { contact, matter: mattersOfClient(deployment.legacy.sims.firm, contact.primary_email_address!)[0]! };
  };
  const upload = async (matter: Matter, name: string) => {
    const form = new FormData();
    form.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n')], { type: 'application/pdf' }), name);
    form.append('metadata', JSON.stringify({ name, matterNumber: matter.display_number, docType: 'Correspondence' }));
    const response = await deployment.legacy.call('dms', '/v1/documents', { method: 'POST', body: form });
    expect(response.status).toBe(201);
  };

  beforeAll(async () => {
    deployment = await startDeployment({
      gateways: 2, subgraphReplicas: 2, workers: 3,
      env: { SYNC_INTERVAL_SECONDS: '2', DIGEST_WINDOW_SECONDS: '1', NOTIFY_POLL_SECONDS: '0.5', NOTIFY_RETRY_SECONDS: '2', RATE_LIMIT_CLIENT_PER_MINUTE: String(CLIENT_RATE) },
    });
    db = await openDatabase(deployment.database.url, DATABASE, { poolSize: 2 });
    const chosen = clientWithMatters(0);
    await createAccount(db.dataSource, { email: chosen.contact.primary_email_address!, password: PASSWORD, role: 'CLIENT', clientId: String(chosen.contact.id) });
    ava = { ...chosen, token: await login(chosen.contact.primary_email_address!) };
  }, 240_000);

  afterAll(async () => {
    for (const socket of sockets) await socket.dispose();
    await db?.close();
    await deployment?.close();
  });

  it('delivers every change to a subscriber on either gateway, and mails each digest once', async () => {
    const seen = deployment.gateways.map(() => [] as string[][]);
    deployment.gateways.forEach((gateway, i) => {
      const socket = createClient({ url: `${gateway.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${ava.token}` }, retryAttempts: 0 });
      sockets.push(socket);
      socket.subscribe(
        { query: 'subscription($id: ID!) { matterUpdated(matterId: $id) { change matter { documents { name } } } }', variables: { id: String(ava.matter.id) } },
        {
          next: (result) => seen[i]!.push(((result.data as { matterUpdated: { matter: { documents: Array<{ name: string }> } } } | undefined)?.matterUpdated.matter.documents ?? []).map((d) => d.name)),
          error: (error) => { throw new Error(`subscription on gateway ${i + 1} failed: ${JSON.stringify(error)}`); },
          complete: () => undefined,
        },
      );
    });
    // Subscriptions are live once each has heard of something: upload warm-up documents until both have.
    let warmUps = 0;
    await waitFor(async () => {
      if (seen.every((s) => s.length > 0)) return true;
      await upload(ava.matter, `Warm-up ${++warmUps}.pdf`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      return seen.every((s) => s.length > 0);
    }, 90_000, () => `subscribers heard ${seen.map((s) => s.length).join(' and ')} events\n${deployment.output()}`);

    const names = ['Scale-out letter 1.pdf', 'Scale-out letter 2.pdf', 'Scale-out letter 3.pdf'];
    for (const name of names) {
      await upload(ava.matter, name);
      await waitFor(async () => seen.every((s) => s.some((docs) => docs.includes(name))), 60_000, () => `${name} not heard on every gateway`);
    }

    // Mail: a hearing scheduled in the CMS is news for the client; it leaves in a digest, exactly once and to this client.
    const { store } = deployment.legacy.sims;
    const start = new Date(Date.now() + 14 * 86_400_000);
    const hearing = await deployment.legacy.call('cms', '/api/v4/calendar_entries.json', { method: 'POST', body: JSON.stringify({ data: {
      summary: 'Scale-out status hearing', start_at: start.toISOString(), matter: { id: ava.matter.id },
      calendar_entry_event_type: { id: store.eventTypes.all().find((t) => /hearing/i.test(t.name))!.id }, calendar_owner: { id: store.users.all()[0]!.id },
    } }) });
    expect(hearing.status).toBe(201);
    await waitFor(async () => {
      const [{ waiting }] = await db.dataSource.query(`SELECT count(*)::int AS waiting FROM notifications.notifications WHERE status IN ('PENDING', 'CLAIMED')`);
      const [{ sent }] = await db.dataSource.query(`SELECT count(*)::int AS sent FROM notifications.deliveries WHERE status = 'SENT'`);
      return waiting === 0 && sent > 0 && deployment.smtp.inbox.length >= sent;
    }, 60_000, () => `mail never settled: ${deployment.smtp.inbox.length} received`);
    const mail = await checkMail(db.dataSource, deployment.legacy.sims, deployment.smtp.inbox);
    expect(mail.problems).toEqual([]);
    expect(mail.resent).toBe(0); // nothing was killed here: not even an identical resend
    expect(mail.checked).toBeGreaterThan(0);
  }, 240_000);

  it('runs each Agenda job once at a time across three workers: one row per job, no overlapping runs of a sync', async () => {
    const tables: Array<{ table_name: string }> = await db.dataSource.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE '%agenda%'`);
    expect(tables.length).toBeGreaterThan(0);
    const duplicated: unknown[] = await db.dataSource.query(`SELECT name, count(*)::int AS n FROM "${tables[0]!.table_name}" WHERE type = 'single' GROUP BY name HAVING count(*) > 1`);
    expect(duplicated).toEqual([]);
    const runs = deployment.workers.map((w) => syncRuns(w.output()));
    expect(runs.flat().length).toBeGreaterThan(0);
    const overlaps: string[] = [];
    runs.forEach((mine, i) => runs.forEach((theirs, j) => {
      if (j <= i) return;
      for (const a of mine) for (const b of theirs) if (a.system === b.system && a.start < b.end && b.start < a.end) overlaps.push(`${a.system} on workers ${i + 1} and ${j + 1}`);
    }));
    expect(overlaps).toEqual([]);
  });

  it("holds a client's rate limit across both gateways", async () => {
    const other = clientWithMatters(1);
    await createAccount(db.dataSource, { email: other.contact.primary_email_address!, password: PASSWORD, role: 'CLIENT', clientId: String(other.contact.id) });
    const token = await login(other.contact.primary_email_address!);
    const before = [...deployment.publicProxy.hits];
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < CLIENT_RATE * 2; i++) {
      const response = await fetch(`${deployment.publicUrl}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: '{ me { email } }' }),
      });
      statuses.push(response.status);
      await response.body?.cancel();
    }
    const seconds = (Date.now() - started) / 1000;
    // Both gateways served; together they allowed the bucket plus what refilled meanwhile, not twice the rate.
    expect(deployment.publicProxy.hits.map((h, i) => h - before[i]!).every((h) => h >= CLIENT_RATE / 2)).toBe(true);
    const allowed = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(allowed).toBeGreaterThanOrEqual(CLIENT_RATE);
    expect(allowed).toBeLessThanOrEqual(CLIENT_RATE + Math.ceil((seconds * CLIENT_RATE) / 60));
  });
});
