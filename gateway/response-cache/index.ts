export { ResponseStore, STAFF_TAG } from './store.js';
export { responseCachePlugin } from './plugin.js';
export { followReadModelChanges } from './invalidation.js';
export { coalescingAnnouncer } from './announcer.js';
