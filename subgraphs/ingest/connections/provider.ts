import type { DataSource } from 'typeorm';
import type { Config } from '../../../shared/config.js';
import type { TokenProvider } from '../../../shared/legacy-http/index.js';
import type { Logger } from '../../../shared/logger.js';
import type { Mailer } from '../../../shared/mail/index.js';
import { notifyAdminsOfRevocation } from './revocation.js';
import { CLIO_PROVIDER, connectionTokenProvider } from './tokens.js';

/** The Clio connection's token provider when CLIO_CLIENT_ID is set (undefined: the static tokens); a revocation it finds mails the admins once. */
export function clioTokenProvider(options: { config: Config; dataSource: DataSource; logger: Logger; mailer: Mailer }): TokenProvider | undefined {
  const { config, dataSource, mailer } = options;
  if (!config.clio) return undefined;
  const logger = options.logger.child({ component: 'connections' });
  return connectionTokenProvider({
    dataSource, clio: config.clio, logger,
    onRevoked: async () => {
      await notifyAdminsOfRevocation({ dataSource, mailer, provider: CLIO_PROVIDER, connectUrl: `${config.publicUrl}/connect/clio`, firmName: config.mail.firmName, logger });
    },
  });
}
