/**
 * The audit log is written off the request path, and what cannot be written is never lost
 * silently: one entry the database refuses costs no other entry, and is logged whole.
 */
import { pino } from 'pino';
import { createMigratedTestDatabase } from '../../test/support/database.js';
import { AuditEntryRow } from './AuditEntry.js';
import { AuditLog, outcomeOf, type NewAuditEntry } from './audit-log.js';
import { redactVariables } from './redact.js';

const entry = (overrides: Partial<NewAuditEntry>): NewAuditEntry => ({
  at: new Date(), kind: 'GRAPHQL', accountId: null, email: null, role: null, clientId: null, operationName: 'Op', operationHash: null,
  variables: null, outcome: 'SUCCESS', errorCodes: [], durationMs: 1, address: null, userAgent: null, ...overrides,
});

describe('AuditLog', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  const logged: Array<{ level: number; msg: string; auditEntry?: { operationName: string } }> = [];
  const logger = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line) as (typeof logged)[number]) });

  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
  });
  afterAll(() => testDb?.drop());

  it('writes a batch entry by entry when one entry is refused, and logs that one as an error', async () => {
    const log = new AuditLog(testDb.db.dataSource, logger);
    log.record([entry({ operationName: 'Before' }), entry({ operationName: 'TooLong', durationMs: 2 ** 40 })]);
    log.record(async () => entry({ operationName: 'After' }));
    await log.flush();
    const names = (await testDb.db.dataSource.getRepository(AuditEntryRow).find({ order: { id: 'ASC' } })).map((e) => e.operationName);
    expect(names).toEqual(['Before', 'After']);
    const errors = logged.filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ msg: 'audit entry could not be written to audit.entries', auditEntry: { operationName: 'TooLong' } });
  });

  it('stores variables holding NUL characters and lone surrogates, which PostgreSQL refuses as such', async () => {
    const log = new AuditLog(testDb.db.dataSource, logger);
    const variables = redactVariables({ ['k\u0000ey']: 'a\u0000b', half: 'x\ud800y', pair: '😀' });
    log.record(entry({ operationName: 'Odd', variables }));
    await log.flush();
    const stored = await testDb.db.dataSource.getRepository(AuditEntryRow).findOneByOrFail({ operationName: 'Odd' });
    expect(stored.variables).toEqual({ 'k\uFFFDey': 'a\uFFFDb', half: 'x\uFFFDy', pair: '😀' });
  });

  it('calls a refusal DENIED and any other error ERROR', () => {
    expect(['UNAUTHENTICATED', 'FORBIDDEN', 'RATE_LIMITED'].map((code) => outcomeOf([code]))).toEqual(['DENIED', 'DENIED', 'DENIED']);
    expect([outcomeOf([]), outcomeOf(['BAD_USER_INPUT']), outcomeOf(['BAD_USER_INPUT', 'FORBIDDEN'])]).toEqual(['SUCCESS', 'ERROR', 'DENIED']);
  });

  it('logs an entry that could not even be built', async () => {
    const log = new AuditLog(testDb.db.dataSource, logger);
    log.record(() => {
      throw new Error('lookup failed');
    });
    await log.flush();
    expect(logged.at(-1)).toMatchObject({ level: 50, msg: 'audit entry could not be built: an audited request is missing from the log' });
  });
});
