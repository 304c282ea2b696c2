export { LegacyHttpClient, DEFAULT_RETRY, type LegacyHttpClientOptions, type LegacyHttpStats, type RetryPolicy, type Query } from './client.js';
export { LegacyRequestError, LegacyResponseError, LegacyUnavailableError, type LegacySystemName } from './errors.js';
export { validateRecords, legacyId, instant, isoDate, optionalRef, type InvalidRecord, type LegacyPage } from './records.js';
export { clioPages, clioIds, type ClioListOptions } from './clio-list.js';
