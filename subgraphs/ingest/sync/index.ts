export { SyncCursorRow } from './SyncCursor.js';
export { syncedResources, syncKeys, type SyncKey } from './resources.js';
export { SyncFailedError, type SyncDefinition, type SyncOutcome } from './definition.js';
export { syncResource, runSync, defineSync, type SyncContext, type ResourceSync } from './runner.js';
export { isInitialImportDone, importFinishedAt } from './status.js';
export { upsertRows, deleteMissing, deleteRows, type UpsertColumn, type UpsertSpec } from './upsert.js';
