/**
 * Every GraphQL operation and every sign-in through the gateway is appended to the audit log —
 * including those refused before any operation runs — with secrets redacted; nobody can change or
 * delete an entry; admins, and only admins, read the log through the graph.
 */
import { loadConfig } from '../shared/config.js';
import { createLogger } from '../shared/logger.js';
import { createAccount } from '../shared/auth/accounts.js';
import { AuditEntryRow } from '../shared/audit/AuditEntry.js';
import { redactSecrets, sha256Hex } from '../shared/audit/index.js';
import { createMigratedTestDatabase } from './support/database.js';
import { FIRM, seedFirm } from './support/firm.js';
import { postGraphQL } from './support/graphql.js';
import { startGraph, type RunningGraph } from './support/graph.js';
import { waitForAuditEntries } from './support/audit.js';

// Batches allowed, to show that each operation of a batch gets its own entry.
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MAX_BATCH_SIZE: '2' });
const PASSWORD = 'correct horse battery staple';
const ADMIN = 'admin@smithjones.example';
const LOG = `query Log($filter: AuditLogFilter, $first: Int, $after: String) { auditLog(filter: $filter, first: $first, after: $after) {
  nodes { id at kind accountId email role operationName operationHash variables outcome errorCodes durationMs userAgent }
  pageInfo { hasNextPage endCursor } } }`;

interface LogPage {
  auditLog: {
    nodes: Array<{ id: string; at: string; kind: string; accountId: string | null; email: string | null; role: string | null; operationName: string | null;
      operationHash: string | null; variables: string | null; outcome: string; errorCodes: string[]; durationMs: number; userAgent: string | null }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('the audit log', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  let graph: RunningGraph;
  const base = () => graph.gatewayUrl.replace(/\/graphql$/, '');
  const entries = (where: (e: AuditEntryRow) => boolean, count = 1) => waitForAuditEntries(testDb.db.dataSource, where, count);

  async function login(email: string, password = PASSWORD): Promise<{ status: number; token?: string }> {
    const response = await fetch(`${base()}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': 'audit-test' },
      body: JSON.stringify({ email, password }), signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { token?: string };
    return { status: response.status, ...(body.token ? { token: body.token } : {}) };
  }
  const tokens: Record<string, string> = {};
  const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}`, 'user-agent': 'audit-test' });

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
    const { dataSource } = testDb.db;
    await seedFirm(dataSource);
    await createAccount(dataSource, { email: FIRM.ava.email, password: PASSWORD, role: 'CLIENT', clientId: FIRM.ava.id });
    await createAccount(dataSource, { email: FIRM.sarah.email, password: PASSWORD, role: 'STAFF', staffId: FIRM.sarah.id });
    await createAccount(dataSource, { email: ADMIN, password: PASSWORD, role: 'ADMIN' });
    graph = await startGraph({ config, dataSource, logger: createLogger('test', 'silent') });
    for (const [who, email] of [['ava', FIRM.ava.email], ['sarah', FIRM.sarah.email], ['admin', ADMIN]] as const) {
      const { token } = await login(email);
      tokens[who] = token!;
    }
  });
  afterAll(async () => {
    await graph?.close();
    await testDb?.drop();
  });

  it('redacts secret keys at any depth', () => {
    expect(redactSecrets({ id: 1, password: 'x', nested: [{ apiKey: 'k', ok: 'y', Authorization: 'Bearer z' }], auth: { refreshToken: 't', clientSecret: 's' } }))
      .toEqual({ id: 1, password: '[REDACTED]', nested: [{ apiKey: '[REDACTED]', ok: 'y', Authorization: '[REDACTED]' }], auth: { refreshToken: '[REDACTED]', clientSecret: '[REDACTED]' } });
  });

  it('appends every login, successful or not, with the password redacted', async () => {
    expect((await login(FIRM.ava.email, 'wrong password')).status).toBe(401);
    expect((await login('nobody@example.com', 'whatever')).status).toBe(401);
    const logins = await entries((e) => e.kind === 'LOGIN', 5);
    const ava = logins.filter((e) => e.email === FIRM.ava.email);
    expect(ava.map((e) => e.outcome)).toEqual(['SUCCESS', 'DENIED']);
    const [success, failure] = ava;
    expect(success).toMatchObject({ role: 'CLIENT', clientId: FIRM.ava.id, errorCodes: [], userAgent: 'audit-test', operationName: 'POST /auth/login' });
    expect(success!.accountId).toEqual(expect.any(String));
    expect(success!.variables).toEqual({ email: FIRM.ava.email, password: '[REDACTED]' });
    expect(failure).toMatchObject({ accountId: success!.accountId, errorCodes: ['UNAUTHENTICATED'], variables: { email: FIRM.ava.email, password: '[REDACTED]' } });
    expect(logins.find((e) => e.email === 'nobody@example.com')).toMatchObject({ accountId: null, outcome: 'DENIED' });
    expect(JSON.stringify(logins)).not.toContain('wrong password');
  });

  it('appends operations: success, errors, unauthenticated and invalid ones, with the variables redacted', async () => {
    const query = 'query OneMatter($id: ID!) { matter(id: $id) { id } }';
    const variables = { id: FIRM.matters.avaLitigation.id, extra: { password: 'hunter2hunter2', list: [{ apiToken: 'abc' }] } };
    expect((await postGraphQL(graph.gatewayUrl, query, variables, as('ava'))).body.errors).toBeUndefined();
    const anonymous = await postGraphQL(graph.gatewayUrl, query, variables, { 'user-agent': 'audit-test' });
    expect(anonymous.status).toBe(401);
    expect((await postGraphQL(graph.gatewayUrl, 'query Invalid { nope }', {}, as('ava'))).status).toBe(400);
    expect((await postGraphQL(graph.gatewayUrl, 'query Broken {', {}, as('ava'))).status).toBe(400);
    const forbidden = await postGraphQL(graph.gatewayUrl, `query Staffy { matter(id: "${FIRM.matters.avaLitigation.id}") { legacyStatus { status } } }`, {}, as('ava'));
    expect(forbidden.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const [ok, denied] = await entries((e) => e.operationName === 'OneMatter', 2);
    const redacted = { id: FIRM.matters.avaLitigation.id, extra: { password: '[REDACTED]', list: [{ apiToken: '[REDACTED]' }] } };
    expect(ok).toMatchObject({ kind: 'GRAPHQL', email: FIRM.ava.email, role: 'CLIENT', clientId: FIRM.ava.id, outcome: 'SUCCESS', errorCodes: [], operationHash: sha256Hex(query), variables: redacted, userAgent: 'audit-test' });
    expect(ok!.durationMs).toBeGreaterThanOrEqual(0);
    expect(ok!.address).toMatch(/127\.0\.0\.1/);
    expect(denied).toMatchObject({ accountId: null, outcome: 'DENIED', errorCodes: ['UNAUTHENTICATED'], operationHash: sha256Hex(query), variables: redacted });
    const [invalid] = await entries((e) => e.operationName === 'Invalid');
    expect(invalid).toMatchObject({ email: FIRM.ava.email, outcome: 'ERROR', errorCodes: ['GRAPHQL_VALIDATION_FAILED'], operationHash: sha256Hex('query Invalid { nope }') });
    const [broken] = await entries((e) => e.operationHash === sha256Hex('query Broken {'));
    expect(broken).toMatchObject({ email: FIRM.ava.email, outcome: 'ERROR', errorCodes: ['GRAPHQL_PARSE_FAILED'] });
    const [staffy] = await entries((e) => e.operationName === 'Staffy');
    expect(staffy).toMatchObject({ outcome: 'DENIED', errorCodes: ['FORBIDDEN'] });
  });

  it('appends one entry per operation of a batch', async () => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', ...as('sarah') }, signal: AbortSignal.timeout(10_000),
      body: JSON.stringify([{ query: 'query BatchedMe { me { id } }' }, { query: 'query BatchedBad { nope }', variables: { token: 't0ps3cret' } }]),
    });
    // One failed operation makes the whole batch's status 400; each operation still has its answer.
    expect(((await response.json()) as unknown[]).length).toBe(2);
    const batched = await entries((e) => e.operationName?.startsWith('Batched') ?? false, 2);
    const [me, bad] = ['BatchedMe', 'BatchedBad'].map((name) => batched.find((e) => e.operationName === name));
    expect(me).toMatchObject({ operationName: 'BatchedMe', email: FIRM.sarah.email, role: 'STAFF', outcome: 'SUCCESS' });
    expect(bad).toMatchObject({ operationName: 'BatchedBad', outcome: 'ERROR', errorCodes: ['GRAPHQL_VALIDATION_FAILED'], variables: { token: '[REDACTED]' } });
  });

  it('appends requests refused before Apollo Server saw them, with the code they were answered with', async () => {
    const post = (body: string) => fetch(graph.gatewayUrl, {
      method: 'POST', headers: { 'content-type': 'application/json', ...as('sarah') }, body, signal: AbortSignal.timeout(10_000),
    });
    const tooMany = JSON.stringify([1, 2, 3].map((i) => ({ query: `query TooMany${i} { me { id } }` })));
    expect((await post(tooMany)).status).toBe(400);
    expect((await post('{"query": "query Garbled {')).status).toBe(400);
    const [batch] = await entries((e) => e.operationHash === null && e.errorCodes.includes('OPERATION_TOO_COMPLEX'));
    expect(batch).toMatchObject({ kind: 'GRAPHQL', outcome: 'ERROR', variables: null });
    const [garbled] = await entries((e) => e.errorCodes.includes('BAD_REQUEST'));
    expect(garbled).toMatchObject({ kind: 'GRAPHQL', outcome: 'ERROR', operationName: null });
  });

  it('refuses to update or delete an entry, whoever asks', async () => {
    const { dataSource } = testDb.db;
    await expect(dataSource.query(`UPDATE audit.entries SET outcome = 'SUCCESS'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query('DELETE FROM audit.entries')).rejects.toThrow(/append-only/);
    await expect(dataSource.getRepository(AuditEntryRow).delete({ kind: 'LOGIN' })).rejects.toThrow(/append-only/);
  });

  it('lets admins read the log through the gateway, filtered and paged newest first', async () => {
    await entries((e) => e.operationName === 'Staffy');
    const filter = { email: FIRM.ava.email.toUpperCase(), kind: 'LOGIN' };
    const first = await postGraphQL<LogPage>(graph.gatewayUrl, LOG, { filter, first: 1 }, as('admin'));
    expect(first.body.errors).toBeUndefined();
    const page1 = first.body.data!.auditLog;
    expect(page1.nodes).toHaveLength(1);
    expect(page1.nodes[0]).toMatchObject({ kind: 'LOGIN', outcome: 'DENIED', email: FIRM.ava.email, role: 'CLIENT', errorCodes: ['UNAUTHENTICATED'] });
    expect(JSON.parse(page1.nodes[0]!.variables!)).toEqual({ email: FIRM.ava.email, password: '[REDACTED]' });
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = await postGraphQL<LogPage>(graph.gatewayUrl, LOG, { filter, first: 1, after: page1.pageInfo.endCursor }, as('admin'));
    const page2 = second.body.data!.auditLog;
    expect(page2.nodes.map((n) => n.outcome)).toEqual(['SUCCESS']);
    expect(page2.pageInfo.hasNextPage).toBe(false);

    const denied = await postGraphQL<LogPage>(graph.gatewayUrl, LOG, { filter: { outcome: 'DENIED', kind: 'GRAPHQL' } }, as('admin'));
    expect(denied.body.data!.auditLog.nodes.map((n) => n.operationName).sort()).toEqual(['OneMatter', 'Staffy']);
    const byName = await postGraphQL<LogPage>(graph.gatewayUrl, LOG, { filter: { operationName: 'OneMatter', accountId: page2.nodes[0]!.accountId } }, as('admin'));
    expect(byName.body.data!.auditLog.nodes).toHaveLength(1);
    const future = new Date(Date.now() + 60_000).toISOString();
    const none = await postGraphQL<LogPage>(graph.gatewayUrl, LOG, { filter: { from: future } }, as('admin'));
    expect(none.body.data!.auditLog.nodes).toEqual([]);
    const past = await postGraphQL<LogPage>(graph.gatewayUrl, LOG, { filter: { to: future, kind: 'LOGIN' }, first: 100 }, as('admin'));
    expect(past.body.data!.auditLog.nodes.length).toBeGreaterThanOrEqual(5);

    const badCursor = await postGraphQL(graph.gatewayUrl, LOG, { after: 'nope' }, as('admin'));
    expect(badCursor.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const badDate = await postGraphQL(graph.gatewayUrl, LOG, { filter: { from: 'yesterday' } }, as('admin'));
    expect(badDate.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const literal = await postGraphQL(graph.gatewayUrl, 'query { auditLog(filter: { from: "2026-01-31T09:00:00" }) { nodes { id } } }', {}, as('admin'));
    expect(literal.body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });

  it.each(['ava', 'sarah'])('refuses the log to %s', async (who) => {
    const { body } = await postGraphQL<LogPage>(graph.gatewayUrl, LOG, {}, as(who));
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
