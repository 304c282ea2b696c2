/**
 * The ingest context's published surface: the sync engine the contexts define their syncs with
 * (runner, upserts, value mappings, quarantine, re-processing), webhook receipt for the gateway
 * and processing/registration for the worker, and the sync state other processes read.
 */
export { SyncCursorRow } from './sync/SyncCursor.js';
export { syncedResources, syncKeys, type SyncKey } from './sync/resources.js';
export { configureIngest, type IngestCatalog } from './sync/catalog.js';
export { defineLegacySystem, type LegacySystemSync, type ConnectedSystem, type Module } from './legacy-system.js';
export { SyncFailedError, type SyncDefinition, type SyncOutcome } from './sync/definition.js';
export { syncResource, runSync, defineSync, type SyncContext, type ResourceSync } from './sync/runner.js';
export { isInitialImportDone, importFinishedAt } from './sync/status.js';
export { upsertRows, deleteMissing, deleteRows, type UpsertColumn, type UpsertSpec } from './sync/upsert.js';
export { MAPPINGS_CHANNEL, loadMapping, normalizeRawValue, type ValueMapping } from './sync/mappings.js';
export { quarantineInvalid, quarantineUnmapped, resolveSuperseded, type UnmappedRecord } from './sync/quarantine.js';
export { hasReprocessable, reprocessQuarantine, type Reprocessor } from './sync/reprocess.js';
export { recordCircuitStates } from './sync/legacy-state.js';
export type { WebhookModel } from './webhooks/model.js';
export { webhookReceiver, WEBHOOK_SYSTEMS, type WebhookReceiverOptions } from './webhooks/receiver.js';
export { processWebhookDeliveries, pruneWebhookDeliveries, type DeliveryProcessing } from './webhooks/deliveries.js';
export { ensureWebhookSubscriptions, webhookUrl, type SubscriptionOptions } from './webhooks/subscriptions.js';
export { startIngestSubgraph } from './server.js';
export { connectionsRouter } from './connections/routes.js';
export { connectionTokenProvider, connectionStatus, ConnectionUnavailableError, CLIO_PROVIDER } from './connections/tokens.js';
export { notifyAdminsOfRevocation } from './connections/revocation.js';
export { clioTokenProvider } from './connections/provider.js';
