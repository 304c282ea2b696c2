import type { Config } from '../shared/config.js';
import type { LegacySystemName, RetryPolicy } from '../shared/legacy-http/index.js';
import type { Logger } from '../shared/logger.js';
import type { SyncContext, SyncOutcome } from '../subgraphs/ingest/index.js';
import type { Reprocessor } from '../subgraphs/ingest/index.js';
import { CmsClient } from '../subgraphs/matters/legacy/cms-client.js';
import { matterReprocessors, syncCms } from '../subgraphs/matters/sync/cms-sync.js';
import { DmsClient } from '../subgraphs/documents/legacy/dms-client.js';
import { documentReprocessors, syncDms } from '../subgraphs/documents/sync/dms-sync.js';
import { BillingClient } from '../subgraphs/billing/legacy/billing-client.js';
import { syncBilling } from '../subgraphs/billing/sync/billing-sync.js';

export const LEGACY_SYSTEMS: readonly LegacySystemName[] = ['cms', 'dms', 'billing'];

export interface LegacyClients {
  cms: CmsClient;
  dms: DmsClient;
  billing: BillingClient;
}

export function createLegacyClients(options: {
  config: Config;
  legacyUrls: Record<LegacySystemName, string>;
  logger: Logger;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
}): LegacyClients {
  const { config, legacyUrls, logger, signal, retry } = options;
  const common = (system: LegacySystemName) => ({
    baseUrl: legacyUrls[system],
    token: config.legacy[system].token,
    timeoutMs: config.legacy.timeoutMs,
    logger: logger.child({ legacy: system }),
    signal,
    retry,
    requestsPerMinute: config.legacy.requestsPerMinute[system],
    breaker: config.legacy.breaker,
    apiVersion: system === 'dms' ? undefined : config.legacy.clioApiVersion,
  });
  return {
    cms: new CmsClient(common('cms'), config.sync.pageSize),
    dms: new DmsClient(common('dms')),
    billing: new BillingClient(common('billing'), config.sync.pageSize),
  };
}

/** Each system's sync, as the owning context defines it. */
export function systemSyncs(clients: LegacyClients): Record<LegacySystemName, (ctx: SyncContext) => Promise<SyncOutcome[]>> {
  return {
    cms: (ctx) => syncCms(ctx, clients.cms),
    dms: (ctx) => syncDms(ctx, clients.dms),
    billing: (ctx) => syncBilling(ctx, clients.billing),
  };
}

/** Each context's write path for its quarantined records, re-run once a mapping makes them whole. */
export const QUARANTINE_REPROCESSORS: readonly Reprocessor[] = [...matterReprocessors, ...documentReprocessors];
