import type { DataSource } from 'typeorm';
import type { Config } from '../shared/config.js';
import type { LegacySystemName, TokenProvider } from '../shared/legacy-http/index.js';
import type { Logger } from '../shared/logger.js';
import { createMailer } from '../shared/mail/index.js';
import { CLIO_PROVIDER, clioTokenProvider, connectionStatus } from '../subgraphs/ingest/index.js';

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
  if (!config.clio) return { tokens: {}, waiting: async () => false, close: () => undefined };
  const mailer = createMailer(config, logger);
  const provider = clioTokenProvider({ config, dataSource, logger, mailer });
  return {
    tokens: provider ? Object.fromEntries(CLIO_SYSTEMS.map((system) => [system, provider])) : {},
    waiting: async (system) => CLIO_SYSTEMS.includes(system) && (await connectionStatus(dataSource, CLIO_PROVIDER)) !== 'CONNECTED',
    close: () => mailer.close(),
  };
}
