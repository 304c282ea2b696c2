export { SyncCursorRow } from './SyncCursor.js';
export { SYNCED_RESOURCES, SYNC_KEYS, type SyncKey, type SyncedResource } from './resources.js';
export { SyncFailedError, type SyncDefinition, type SyncOutcome } from './definition.js';
export { syncResource, runSync, defineSync, type SyncContext, type ResourceSync } from './runner.js';
export { isInitialImportDone } from './status.js';
export { upsertRows, deleteMissing, type UpsertColumn, type UpsertSpec } from './upsert.js';
