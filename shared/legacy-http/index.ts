export { LegacyHttpClient, DEFAULT_RETRY, type Method, type LegacyHttpClientOptions, type LegacyHttpStats, type TokenProvider, type RetryPolicy, type Query } from './client.js';
export { LegacyRequestError, LegacyResponseError, LegacyUnavailableError, LegacyVersionRetiredError, type LegacySystemName } from './errors.js';
export { validateRecords, legacyId, instant, isoDate, optionalRef, type InvalidRecord, type LegacyPage } from './records.js';
export { clioPages, clioIds, type ClioListOptions } from './clio-list.js';
export { CircuitBreaker, LegacyCircuitOpenError, DEFAULT_BREAKER, type BreakerPolicy, type CircuitState, type CircuitListener } from './breaker.js';
export { TokenBucket } from './pacing.js';
