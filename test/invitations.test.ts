/**
 * Staff invite a client contact: the invitation mail reaches a real SMTP server, its one-time link
 * lets the client set a password, and the new login sees exactly their matters. Links are single
 * use and expire; without SMTP_URL the mail lands in the local mailbox at GET /dev/mailbox.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { createAccount } from '../shared/auth/accounts.js';
import { InvitationRow } from '../shared/auth/Invitation.js';
import { ClientRow } from '../subgraphs/matters/entities/index.js';
import { createMattersLoaders } from '../subgraphs/matters/loaders.js';
import { createInvitations } from '../subgraphs/matters/invitations.js';
import { createMailer } from '../shared/mail/index.js';
import { createMigratedTestDatabase } from './support/database.js';
import { FIRM, principals, seedFirm } from './support/firm.js';
import { postGraphQL } from './support/graphql.js';
import { startGraph, type RunningGraph } from './support/graph.js';
import { waitForAuditEntries } from './support/audit.js';

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a long new client password';
const INVITE = 'mutation Invite($clientId: ID!) { inviteClient(clientId: $clientId) { email expiresAt } }';
const silent = createLogger('test', 'silent');

interface Received { to: string[]; raw: string }

/** Undoes quoted-printable soft breaks and escapes: enough to read a link out of a raw message. */
const readable = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe('client invitations', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  let smtp: SMTPServer;
  const inbox: Received[] = [];
  const base = (g: RunningGraph) => g.gatewayUrl.replace(/\/graphql$/, '');
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

  async function post(g: RunningGraph, path: string, body: unknown): Promise<{ status: number; body: { token?: string; error?: string } }> {
    const response = await fetch(`${base(g)}${path}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000),
    });
    return { status: response.status, body: (await response.json()) as { token?: string; error?: string } };
  }
  const login = async (g: RunningGraph, email: string, password = PASSWORD) => (await post(g, '/auth/login', { email, password })).body.token;

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    testDb = await createMigratedTestDatabase();
    const { dataSource } = testDb.db;
    await seedFirm(dataSource);
    await dataSource.getRepository(ClientRow).insert([
      { id: '103', name: 'Cara Stranger', email: 'cara@example.com', kind: 'Person', legacyUpdatedAt: new Date() },
      { id: '104', name: 'Dan Nomail', email: null, kind: 'Person', legacyUpdatedAt: new Date() },
    ]);
    await createAccount(dataSource, { email: FIRM.sarah.email, password: PASSWORD, role: 'STAFF', staffId: FIRM.sarah.id });
    await createAccount(dataSource, { email: 'admin@smithjones.example', password: PASSWORD, role: 'ADMIN' });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://portal.smithjones.example/' });
    graph = await startGraph({ config, dataSource, logger: silent });
    tokens.sarah = (await login(graph, FIRM.sarah.email))!;
    tokens.admin = (await login(graph, 'admin@smithjones.example'))!;
  });
  afterAll(async () => {
    await graph?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await testDb?.drop();
  });

  it('mails a one-time link; the client sets a password, signs in and sees their matters; the link is then dead', async () => {
    const invited = await postGraphQL<{ inviteClient: { email: string; expiresAt: string } }>(graph.gatewayUrl, INVITE, { clientId: FIRM.ava.id }, as('sarah'));
    expect(invited.body.errors).toBeUndefined();
    expect(invited.body.data!.inviteClient.email).toBe(FIRM.ava.email);
    const hours = (Date.parse(invited.body.data!.inviteClient.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);

    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.to).toEqual([FIRM.ava.email]);
    const mail = readable(inbox[0]!.raw);
    expect(mail).toMatch(/Subject: Your Smith & Jones LLP client portal/);
    const token = /https:\/\/portal\.smithjones\.example\/auth\/set-password\?token=([A-Za-z0-9_-]{43})/.exec(mail)?.[1];
    expect(token).toBeDefined();
    const stored = await testDb.db.dataSource.getRepository(InvitationRow).findOneByOrFail({ clientId: FIRM.ava.id });
    expect(stored.tokenHash).toBe(createHash('sha256').update(token!).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(token!);

    const page = await fetch(`${base(graph)}/auth/set-password?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(await page.text()).toMatch(/<form[^>]+action="\/auth\/set-password"/);

    expect((await post(graph, '/auth/set-password', { token, password: 'too short' })).status).toBe(400);
    const set = await post(graph, '/auth/set-password', { token, password: NEW_PASSWORD });
    expect(set.status).toBe(200);
    const matters = await postGraphQL<{ matters: Array<{ number: string }> }>(graph.gatewayUrl, '{ matters { number } }', {}, { authorization: `Bearer ${set.body.token}` });
    expect(matters.body.data!.matters.map((m) => m.number)).toEqual([FIRM.matters.avaLitigation.number, FIRM.matters.avaLease.number]);
    const signedIn = await login(graph, FIRM.ava.email, NEW_PASSWORD);
    expect(signedIn).toEqual(expect.any(String));

    const again = await post(graph, '/auth/set-password', { token, password: 'another long password' });
    expect(again).toEqual({ status: 400, body: { error: expect.stringMatching(/invalid, already used or expired/) } });

    const audited = await waitForAuditEntries(testDb.db.dataSource, (e) => e.kind === 'SET_PASSWORD', 4);
    expect(audited.map((e) => [e.operationName, e.outcome])).toEqual([
      ['GET /auth/set-password', 'SUCCESS'], ['POST /auth/set-password', 'ERROR'], ['POST /auth/set-password', 'SUCCESS'], ['POST /auth/set-password', 'ERROR'],
    ]);
    expect(audited[2]).toMatchObject({ email: FIRM.ava.email, role: 'CLIENT', clientId: FIRM.ava.id, variables: { token: '[REDACTED]', password: '[REDACTED]' } });
    expect(JSON.stringify(audited)).not.toContain(token!);
  });

  it('refuses an expired link and an unknown one alike', async () => {
    const token = 'x'.repeat(43);
    await testDb.db.dataSource.getRepository(InvitationRow).insert({
      tokenHash: createHash('sha256').update(token).digest('hex'), email: FIRM.ben.email, clientId: FIRM.ben.id, invitedBy: 'test', expiresAt: new Date(Date.now() - 1000),
    });
    const expired = await post(graph, '/auth/set-password', { token, password: NEW_PASSWORD });
    const unknown = await post(graph, '/auth/set-password', { token: 'y'.repeat(43), password: NEW_PASSWORD });
    expect(expired).toEqual({ status: 400, body: { error: expect.stringMatching(/invalid, already used or expired/) } });
    expect(unknown).toEqual(expired);
    expect(await login(graph, FIRM.ben.email, NEW_PASSWORD)).toBeUndefined();
  });

  it('lets only one of two simultaneous uses of a link create the login', async () => {
    const token = 'z'.repeat(43);
    await testDb.db.dataSource.getRepository(InvitationRow).insert({
      tokenHash: createHash('sha256').update(token).digest('hex'), email: 'cara@example.com', clientId: '103', invitedBy: 'test', expiresAt: new Date(Date.now() + 60_000),
    });
    const both = await Promise.all([post(graph, '/auth/set-password', { token, password: NEW_PASSWORD }), post(graph, '/auth/set-password', { token, password: PASSWORD })]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 400]);
    expect(await testDb.db.dataSource.query(`SELECT count(*)::int AS n FROM identity.accounts WHERE client_id = '103'`)).toEqual([{ n: 1 }]);
  });

  it.each([
    ['a client with a login already', 'sarah', FIRM.ava.id, /already has a portal login/],
    ['a client the staff member cannot see', 'sarah', '103', /no client 103 among the clients you can see/],
    ['an unknown client', 'admin', '999', /no client 999/],
    ['a client without an email', 'admin', '104', /no email address/],
  ])('refuses to invite %s with BAD_USER_INPUT', async (_, who, clientId, message) => {
    const sent = inbox.length;
    const { body } = await postGraphQL(graph.gatewayUrl, INVITE, { clientId }, as(who));
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(message);
    expect(inbox).toHaveLength(sent);
  });

  it('refuses invitations from clients', async () => {
    const ava = await login(graph, FIRM.ava.email, NEW_PASSWORD);
    const { body } = await postGraphQL(graph.gatewayUrl, INVITE, { clientId: FIRM.ava.id }, { authorization: `Bearer ${ava}` });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await fetch(`${base(graph)}/dev/mailbox`)).status).toBe(404);
  });

  it('leaves no usable invitation behind when the mail server refuses the message', async () => {
    const refusing = new SMTPServer({
      authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
      onRcptTo: (_address, _session, callback) => callback(new Error('mailbox unavailable')),
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = refusing.server.address() as AddressInfo;
      const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SMTP_URL: `smtp://127.0.0.1:${port}` });
      const { dataSource } = testDb.db;
      const invitations = createInvitations({ config, dataSource, logger: silent, mailer: createMailer(config, silent) });
      const before = await dataSource.getRepository(InvitationRow).countBy({ clientId: FIRM.ben.id });
      await expect(invitations.invite(principals.admin, createMattersLoaders(dataSource, principals.admin), FIRM.ben.id)).rejects.toThrow(/did not accept/);
      expect(await dataSource.getRepository(InvitationRow).countBy({ clientId: FIRM.ben.id })).toBe(before);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });

  it('puts the mail in the local mailbox at GET /dev/mailbox when SMTP_URL is unset', async () => {
    const local = await startGraph({ config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: '' }), dataSource: testDb.db.dataSource, logger: silent });
    try {
      const admin = await login(local, 'admin@smithjones.example');
      const { body } = await postGraphQL(local.gatewayUrl, INVITE, { clientId: FIRM.ben.id }, { authorization: `Bearer ${admin}` });
      expect(body.errors).toBeUndefined();
      const list = await fetch(`${base(local)}/dev/mailbox`);
      expect(list.status).toBe(200);
      const html = await list.text();
      expect(html).toContain(FIRM.ben.email);
      const id = /href="\/dev\/mailbox\/([0-9a-f-]+)">Your Smith &amp; Jones LLP client portal</.exec(html)?.[1];
      expect(id).toBeDefined();
      const message = await fetch(`${base(local)}/dev/mailbox/${id}`);
      expect(message.headers.get('content-security-policy')).toMatch(/^sandbox/);
      expect(await message.text()).toMatch(/http:\/\/localhost:4000\/auth\/set-password\?token=[A-Za-z0-9_-]{43}/);
    } finally {
      await local.close();
    }
  });
});
