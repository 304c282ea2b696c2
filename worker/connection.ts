import type { DataSource } from 'typeorm';
import type { Config } from '../shared/config.js';
import type { LegacySystemName, TokenProvider } from '../shared/legacy-http/index.js';
import type { Logger } from '../shared/logger.js';
import { createMailer } from '../shared/mail/index.js';
import { CLIO_PROVIDER, connectionStatus, connectionTokenProvider, notifyAdminsOfRevocation } from '../subgraphs/ingest/index.js';

/** The systems Clio's API serves: they share the firm's one Clio connection. */
const CLIO_SYSTEMS: readonly LegacySystemName[] = ['cms', 'billing'];

export interface LegacyConnections {
  /** Token providers of the systems behind an OAuth connection. */
  tokens: Partial<Record<LegacySystemName, TokenProvider>>;
  /** Whether the system's sync waits for an admin to connect (never connected, or revoked): it then skips, cursors kept. */
  waiting(system: LegacySystemName): Promise<boolean>;
  close(): void;
}

/** With CLIO_CLIENT_ID, the CMS and billing use the stored OAuth connection; otherwise the static tokens (the demo). */
export function legacyConnections(config: Config, dataSource: DataSource, logger: Logger): LegacyConnections {
  const clio = config.clio;
  if (!clio) return { tokens: {}, waiting: async () => false, close: () => undefined };
  const mailer = createMailer(config, logger);
  const provider = connectionTokenProvider({
    dataSource, clio, logger: logger.child({ component: 'connections' }),
    onRevoked: async () => {
      await notifyAdminsOfRevocation({ dataSource, mailer, provider: CLIO_PROVIDER, connectUrl: `${config.publicUrl}/connect/clio`, firmName: config.mail.firmName, logger });
    },
  });
  return {
    tokens: Object.fromEntries(CLIO_SYSTEMS.map((system) => [system, provider])),
    waiting: async (system) => CLIO_SYSTEMS.includes(system) && (await connectionStatus(dataSource, CLIO_PROVIDER)) !== 'CONNECTED',
    close: () => mailer.close(),
  };
}
