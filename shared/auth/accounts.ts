import type { DataSource, EntityManager } from 'typeorm';
import { AccountRow, type Role } from './Account.js';
import { hashPassword } from './passwords.js';

export interface NewAccount {
  email: string;
  password: string;
  role: Role;
  /** The CMS contact id; required for clients. */
  clientId?: string | null;
  /** The CMS user id; required for staff. */
  staffId?: string | null;
}

export class AccountError extends Error {
  override name = 'AccountError';
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/**
 * Creates a portal login; emails are stored lower-cased and must be unique. Pass a transaction's
 * EntityManager to create it in that transaction.
 */
export async function createAccount(dataSource: DataSource | EntityManager, account: NewAccount): Promise<AccountRow> {
  const email = normalizeEmail(account.email);
  if (!email.includes('@')) throw new AccountError(`"${account.email}" is not an email address.`);
  if (account.password.length < 8) throw new AccountError('A password needs at least 8 characters.');
  if (account.role === 'CLIENT' && !account.clientId) throw new AccountError(`A CLIENT login needs the CMS contact id (clientId) of ${email}.`);
  if (account.role === 'STAFF' && !account.staffId) throw new AccountError(`A STAFF login needs the CMS user id (staffId) of ${email}.`);
  const repository = dataSource.getRepository(AccountRow);
  if (await findAccountByEmail(dataSource, email)) throw new AccountError(`A login for ${email} already exists.`);
  const row = repository.create({
    email,
    passwordHash: await hashPassword(account.password),
    role: account.role,
    clientId: account.clientId ?? null,
    staffId: account.staffId ?? null,
  });
  try {
    return await repository.save(row);
  } catch (error) {
    // Two concurrent creations of the same login: the unique index decides.
    if (await findAccountByEmail(dataSource, email)) throw new AccountError(`A login for ${email} already exists.`);
    throw error;
  }
}

/** The login with this email (case-insensitive), or null. */
export function findAccountByEmail(dataSource: DataSource | EntityManager, email: string): Promise<AccountRow | null> {
  return dataSource.getRepository(AccountRow).findOneBy({ email: normalizeEmail(email) });
}
