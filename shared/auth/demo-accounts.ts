import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';
import type { Role } from './Account.js';
import { createAccount, findAccountByEmail } from './accounts.js';

/** The CMS client or staff member with this email, as the matters context answers it (its findPartyByEmail). */
export type FindParty = (dataSource: DataSource, email: string) => Promise<{ kind: 'client' | 'staff'; id: string } | null>;

export const DEMO_PASSWORD = 'casebridge-demo';

/** The demo firm's portal logins; each is linked to the CMS contact or user with the same email. */
export const DEMO_LOGINS: ReadonlyArray<{ email: string; role: Role; who: string }> = [
  { email: 'ava.martin@example.com', role: 'CLIENT', who: 'client, litigation matter in discovery' },
  { email: 'ben.okafor@example.com', role: 'CLIENT', who: 'client' },
  { email: 'sarah.jones@smithjones.example', role: 'STAFF', who: 'attorney' },
  { email: 'admin@smithjones.example', role: 'ADMIN', who: 'firm administrator' },
];

/**
 * Creates the demo logins once the first import has brought their CMS records into the read
 * model. Idempotent; a login whose person is not in the CMS is skipped with a warning.
 */
export async function ensureDemoAccounts(dataSource: DataSource, logger: Logger, findPartyByEmail: FindParty): Promise<void> {
  for (const login of DEMO_LOGINS) {
    if (await findAccountByEmail(dataSource, login.email)) continue;
    const party = await findPartyByEmail(dataSource, login.email);
    const expected = login.role === 'CLIENT' ? 'client' : 'staff';
    if (!party || party.kind !== expected) {
      logger.warn({ email: login.email }, `demo login skipped: no CMS ${expected} has this email`);
      continue;
    }
    try {
      await createAccount(dataSource, {
        email: login.email,
        password: DEMO_PASSWORD,
        role: login.role,
        clientId: party.kind === 'client' ? party.id : null,
        staffId: party.kind === 'staff' ? party.id : null,
      });
    } catch (error) {
      // Another process (a second worker, `npm start` restarted mid-way) made it first: fine.
      if (await findAccountByEmail(dataSource, login.email)) continue;
      throw error;
    }
    logger.info({ email: login.email, role: login.role }, 'demo login created');
  }
}

/** Whether every demo login ensureDemoAccounts would make (its person is in the CMS) exists: /healthz waits for them. */
export async function demoLoginsExist(dataSource: DataSource, findPartyByEmail: FindParty): Promise<boolean> {
  for (const login of DEMO_LOGINS) {
    if (await findAccountByEmail(dataSource, login.email)) continue;
    const party = await findPartyByEmail(dataSource, login.email);
    if (party && party.kind === (login.role === 'CLIENT' ? 'client' : 'staff')) return false;
  }
  return true;
}
