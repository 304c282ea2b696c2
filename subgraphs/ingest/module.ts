import type { Module } from './legacy-system.js';
import { SyncCursorRow } from './sync/SyncCursor.js';
import { QuarantineItemRow } from './sync/QuarantineItem.js';
import { ValueMappingRow } from './sync/ValueMapping.js';
import { WebhookSubscriptionRow } from './sync/WebhookSubscription.js';
import { WebhookDeliveryRow } from './sync/WebhookDelivery.js';
import { LegacySystemStateRow } from './sync/LegacySystemState.js';
import { startIngestSubgraph } from './server.js';
import { ConnectStateRow, LegacyConnectionRow } from './connections/LegacyConnection.js';
import { INGEST_METRICS } from './metrics.js';
import { LegacyConnections1796089963035 } from './migrations/1796089963035-LegacyConnections.js';
import { WebhookDeliveryTraceContext1796100000001 } from './migrations/1796100000001-WebhookDeliveryTraceContext.js';
import { ImportProgress1796100000002 } from './migrations/1796100000002-ImportProgress.js';

/**
 * The ingest context: the sync engine's state, webhooks and value mappings. Its worker side (the
 * sync jobs, webhooks, re-processing) is assembled by the worker from the other modules' `legacy`.
 */
export const ingestModule: Module = {
  name: 'ingest',
  entities: [SyncCursorRow, QuarantineItemRow, ValueMappingRow, WebhookSubscriptionRow, WebhookDeliveryRow, LegacySystemStateRow, LegacyConnectionRow, ConnectStateRow],
  migrations: [LegacyConnections1796089963035, WebhookDeliveryTraceContext1796100000001, ImportProgress1796100000002],
  startSubgraph: startIngestSubgraph,
  metrics: INGEST_METRICS,
};
