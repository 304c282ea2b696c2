import type { DataSource } from 'typeorm';
import type { LegacyHttpClient } from '../../../shared/legacy-http/index.js';
import type { Logger } from '../../../shared/logger.js';

/**
 * Keeps sync.legacy_systems in step with each client's circuit, so sync health can show it from
 * any process. Writes are fire-and-forget: a lost one is corrected by the next change.
 */
export async function recordCircuitStates(dataSource: DataSource, clients: readonly LegacyHttpClient[], logger: Logger): Promise<void> {
  const write = (http: LegacyHttpClient, state: string, lastFailure: string | null) =>
    dataSource.query(
      `INSERT INTO sync.legacy_systems (system, circuit_state, circuit_changed_at, last_failure, api_version) VALUES ($1, $2, now(), $3, $4)
       ON CONFLICT (system) DO UPDATE SET circuit_state = EXCLUDED.circuit_state, circuit_changed_at = now(),
         last_failure = COALESCE(EXCLUDED.last_failure, sync.legacy_systems.last_failure), api_version = EXCLUDED.api_version`,
      [http.system, state, lastFailure, http.apiVersion ?? null],
    );
  for (const http of clients) {
    await write(http, http.breaker.state, null);
    http.breaker.onChange((state, detail) => {
      logger[state === 'OPEN' ? 'warn' : 'info']({ system: http.system, state, lastFailure: detail.lastFailure }, 'legacy circuit changed');
      void write(http, state, detail.lastFailure).catch((error: unknown) => logger.warn({ err: error }, 'could not record the circuit state'));
    });
  }
}
