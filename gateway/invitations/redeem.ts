import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { AccountError, createAccount } from '../../shared/auth/accounts.js';
import { InvitationRow } from '../../shared/auth/Invitation.js';
import type { AccountRow } from '../../shared/auth/Account.js';

export const hashInvitationToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const usedSchema = z.array(z.object({ client_id: z.string(), email: z.string() }));

/** Why an invitation link did not work; the caller is told none of it. */
export class InvitationRefused extends Error {
  override name = 'InvitationRefused';
}

/**
 * Uses the invitation behind `token` and creates its CLIENT login with `password`, in one
 * transaction: marking it used and creating the account happen together or not at all, and of two
 * concurrent uses only the first finds it unused. Unknown, used and expired links are refused alike.
 */
export async function redeemInvitation(dataSource: DataSource, token: string, password: string): Promise<AccountRow> {
  return dataSource.transaction(async (manager) => {
    const result = await manager.createQueryBuilder().update(InvitationRow)
      .set({ usedAt: () => 'now()' })
      .where('token_hash = :tokenHash AND used_at IS NULL AND expires_at > now()', { tokenHash: hashInvitationToken(token) })
      .returning('"client_id", "email"')
      .execute();
    const [used] = usedSchema.parse(result.raw);
    if (!used) throw new InvitationRefused('unknown, used or expired invitation');
    try {
      return await createAccount(manager, { email: used.email, password, role: 'CLIENT', clientId: used.client_id });
    } catch (error) {
      if (error instanceof AccountError) throw new InvitationRefused(error.message);
      throw error;
    }
  });
}
