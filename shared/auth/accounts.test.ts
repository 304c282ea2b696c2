import { createMigratedTestDatabase } from '../../test/support/database.js';
import { AccountError, createAccount, findAccountByEmail } from './accounts.js';
import { verifyPassword } from './passwords.js';

describe('portal accounts', () => {
  let testDb: Awaited<ReturnType<typeof createMigratedTestDatabase>>;
  beforeAll(async () => {
    testDb = await createMigratedTestDatabase();
  });
  afterAll(() => testDb?.drop());

  it('stores emails lower-cased, finds them case-insensitively, and refuses duplicates clearly', async () => {
    const { dataSource } = testDb.db;
    const created = await createAccount(dataSource, { email: ' Ava.Martin@Example.COM ', password: 'long enough', role: 'CLIENT', clientId: '101' });
    expect(created.email).toBe('ava.martin@example.com');
    const found = await findAccountByEmail(dataSource, 'AVA.martin@example.com');
    expect(found?.id).toBe(created.id);
    expect(await verifyPassword('long enough', found!.passwordHash)).toBe(true);
    await expect(createAccount(dataSource, { email: 'ava.martin@EXAMPLE.com', password: 'another one', role: 'CLIENT', clientId: '101' }))
      .rejects.toThrow(new AccountError('A login for ava.martin@example.com already exists.'));
  });

  it('refuses a client login without its CMS contact', async () => {
    await expect(createAccount(testDb.db.dataSource, { email: 'x@example.com', password: 'long enough', role: 'CLIENT' })).rejects.toThrow(AccountError);
  });
});
