import type { Config } from '../shared/config.js';
import type { LegacySystemName, RetryPolicy, TokenProvider } from '../shared/legacy-http/index.js';
import type { Logger } from '../shared/logger.js';
import type { ConnectedSystem, LegacySystemSync, SyncContext, SyncOutcome } from '../subgraphs/ingest/index.js';

/** The legacy systems, in the order the worker starts their syncs. */
export const LEGACY_SYSTEMS: readonly LegacySystemName[] = ['cms', 'dms', 'billing'];

export type LegacyClients = Readonly<Record<LegacySystemName, ConnectedSystem>>;

export function createLegacyClients(options: {
  config: Config;
  legacyUrls: Record<LegacySystemName, string>;
  logger: Logger;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
  /** Each system's sync, from the modules (system/modules.ts). */
  systems: readonly LegacySystemSync[];
  /** Systems behind an OAuth connection use its current token instead of their static one. */
  tokens?: Partial<Record<LegacySystemName, TokenProvider>>;
}): LegacyClients {
  const { config, legacyUrls, logger, signal, retry } = options;
  const connect = (system: LegacySystemName): ConnectedSystem => {
    const legacy = options.systems.find((l) => l.system === system);
    if (!legacy) throw new Error(`No module syncs the legacy system "${system}": add its module to system/modules.ts.`);
    return legacy.connect({
      baseUrl: legacyUrls[system],
      token: options.tokens?.[system] ?? config.legacy[system].token,
      timeoutMs: config.legacy.timeoutMs,
      maxResponseBytes: config.legacy.maxResponseBytes,
      logger: logger.child({ legacy: system }),
      signal,
      retry,
      requestsPerMinute: config.legacy.requestsPerMinute[system],
      breaker: config.legacy.breaker,
      apiVersion: system === 'dms' ? undefined : config.legacy.clioApiVersion,
    }, config.sync.pageSize);
  };
  return { cms: connect('cms'), dms: connect('dms'), billing: connect('billing') };
}

/** Each system's sync, as the owning context defines it. */
export function systemSyncs(clients: LegacyClients): Record<LegacySystemName, (ctx: SyncContext) => Promise<SyncOutcome[]>> {
  return { cms: clients.cms.sync, dms: clients.dms.sync, billing: clients.billing.sync };
}
