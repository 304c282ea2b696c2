import { createMigratedTestDatabase, createTestDatabase } from './support/database.js';
import { InvoiceRow } from '../subgraphs/billing/entities/index.js';
import { migrate, openDatabase } from '../shared/db/data-source.js';
import { DATABASE } from '../system/modules.js';
import { AuditEntryRow } from '../shared/audit/AuditEntry.js';

const { migrations } = DATABASE;

describe('the read model database', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
  });
  afterAll(() => testDb.drop());

  it('keeps money as exact decimals', async () => {
    const repo = testDb.db.dataSource.getRepository(InvoiceRow);
    await repo.insert({
      id: 'b1', number: 'INV-1', issuedOn: '2026-01-02', dueOn: null, total: '1234567890.10', balance: '0.30',
      paid: '1234567889.80', currency: 'USD', legacyState: 'awaiting_payment', clientId: 'c1', legacyUpdatedAt: new Date(),
    });
    const [sum] = await testDb.db.dataSource.query(`SELECT (total - paid)::text AS rest FROM billing.invoices WHERE id = 'b1'`);
    expect(sum.rest).toBe('0.30');
    expect((await repo.findOneByOrFail({ id: 'b1' })).total).toBe('1234567890.10');
  });

  it('migrates idempotently: a second run changes nothing', async () => {
    await expect(migrate(testDb.db.dataSource)).resolves.toBeUndefined();
    const [{ count }] = await testDb.db.dataSource.query('SELECT count(*)::int AS count FROM typeorm_migrations');
    expect(count).toBe(migrations.length);
  });

  it('migrates a fresh database once when several processes start at the same moment (also on the embedded database)', async () => {
    const fresh = await createTestDatabase();
    // Each process has its own connection pool, as npm run start:<name> has.
    const processes = await Promise.all(Array.from({ length: 6 }, () => openDatabase(fresh.url, DATABASE, { migrate: false, poolSize: 2 })));
    try {
      const results = await Promise.allSettled(processes.map((p) => migrate(p.dataSource)));
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const rows: Array<{ name: string }> = await processes[0]!.dataSource.query('SELECT name FROM typeorm_migrations ORDER BY id');
      expect(rows.map((r) => r.name)).toEqual(migrations.map((m) => m.name));
    } finally {
      await Promise.all(processes.map((p) => p.close()));
      await fresh.drop();
    }
  });

  it('refuses to update or delete audit entries', async () => {
    const repo = testDb.db.dataSource.getRepository(AuditEntryRow);
    const entry = await repo.save({ kind: 'LOGIN', outcome: 'SUCCESS', durationMs: 3, email: 'a@example.com' });
    await expect(repo.update({ id: entry.id }, { outcome: 'ERROR' })).rejects.toThrow(/append-only/);
    await expect(repo.delete({ id: entry.id })).rejects.toThrow(/append-only/);
    expect((await repo.findOneByOrFail({ id: entry.id })).outcome).toBe('SUCCESS');
  });
});
