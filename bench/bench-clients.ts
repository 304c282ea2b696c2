import type { DataSource } from 'typeorm';
import { z } from 'zod';
import type { Config } from '../shared/config.js';
import { createAccount, findAccountByEmail } from '../shared/auth/accounts.js';
import { issueAccessToken } from '../shared/auth/tokens.js';

const clientIds = z.array(z.object({ id: z.string() }));

/**
 * `count` client logins for a benchmark, each its own account (so its own principal and cache
 * entries) over the synced clients that have matters, taken in turn when there are fewer clients
 * than logins; returns an access token for each. Made once per database: a rerun reuses them.
 */
export async function benchClientTokens(dataSource: DataSource, config: Config, count: number): Promise<string[]> {
  const clients = clientIds.parse(await dataSource.query(
    `SELECT c.id FROM matters.clients c WHERE EXISTS (SELECT 1 FROM matters.matters m WHERE m.client_id = c.id) ORDER BY c.id`,
  ));
  if (clients.length === 0) throw new Error('no synced client has a matter: run the first import before the benchmark');
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `bench-client-${i + 1}@example.test`;
    const clientId = clients[i % clients.length]!.id;
    const account = await findAccountByEmail(dataSource, email)
      ?? await createAccount(dataSource, { email, password: 'bench-client-password', role: 'CLIENT', clientId });
    tokens.push(await issueAccessToken({ accountId: account.id, email, role: 'CLIENT', clientId: account.clientId, staffId: null }, config.auth));
  }
  return tokens;
}
