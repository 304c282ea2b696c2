import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { createAccount } from '../../shared/auth/accounts.js';

const BENCH_PASSWORD = 'bench-client-password';
const clientRows = z.array(z.object({ id: z.string() }));

/**
 * `count` portal logins, each its own principal, made through the real account path
 * (createAccount) and signed in through the gateway's POST /auth/login: one per CMS client that
 * has matters, round-robin when the firm has fewer clients than logins. Returns their tokens.
 */
export async function benchClientTokens(
  dataSource: DataSource, login: (email: string, password: string) => Promise<string>, count: number,
): Promise<{ tokens: string[]; clients: number }> {
  const clients = clientRows.parse(await dataSource.query(
    `SELECT c.id::text AS id FROM matters.clients c WHERE EXISTS (SELECT 1 FROM matters.matters m WHERE m.client_id = c.id) ORDER BY c.id`,
  ));
  if (clients.length === 0) throw new Error('the firm has no client with a matter to make bench logins for');
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) {
    const email = `bench-client-${i + 1}@bench.example`;
    await createAccount(dataSource, { email, password: BENCH_PASSWORD, role: 'CLIENT', clientId: clients[i % clients.length].id });
    tokens.push(await login(email, BENCH_PASSWORD));
  }
  return { tokens, clients: Math.min(count, clients.length) };
}
