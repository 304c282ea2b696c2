import type { DataSource } from 'typeorm';
import type { Logger } from '../../../shared/logger.js';
import type { Mailer } from '../../../shared/mail/index.js';

/**
 * Tells every enabled admin, once per revocation, that the firm revoked casebridge's access. The
 * claim (revocation_notified_at) comes first: a second process or a second failing call sends nothing.
 */
export async function notifyAdminsOfRevocation(options: { dataSource: DataSource; mailer: Mailer; provider: string; connectUrl: string; firmName: string; logger: Logger }): Promise<number> {
  const { dataSource, provider } = options;
  const [claimed] = await dataSource.query(
    `UPDATE "sync"."legacy_connections" SET revocation_notified_at = now() WHERE provider = $1 AND status = 'REVOKED' AND revocation_notified_at IS NULL RETURNING provider`,
    [provider],
  );
  if (!Array.isArray(claimed) || claimed.length === 0) return 0;
  const admins: Array<{ email: string }> = await dataSource.query(`SELECT email FROM "identity"."accounts" WHERE role = 'ADMIN' AND NOT disabled ORDER BY email`);
  const name = provider === 'clio' ? 'Clio' : provider;
  const text = `${options.firmName}'s ${name} account no longer accepts casebridge: its access was revoked in ${name}.\n\n`
    + `Syncing from ${name} has stopped; nothing already imported is lost, and casebridge resumes where it stopped once an admin connects again:\n${options.connectUrl}\n`;
  for (const admin of admins) {
    await options.mailer.send({ to: admin.email, subject: `casebridge lost access to ${name}: connect again`, text })
      .catch((error: unknown) => options.logger.error({ err: error, to: admin.email }, 'could not mail an admin about the revoked connection'));
  }
  return admins.length;
}
