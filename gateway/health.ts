import type { DataSource } from 'typeorm';
import { databaseAnswers, readinessOf } from '../shared/observability/health.js';
import type { ReadinessCheck } from '../shared/observability/metrics-server.js';

/**
 * The gateway's readiness (`GET /healthz`, on its API port and its metrics port): the supergraph
 * is loaded, the database answers and the graph is ready (`firstImport`: see readiness.ts);
 * otherwise 503 naming the checks that failed.
 */
export function gatewayReadiness(deps: { dataSource: DataSource; isSupergraphLoaded: () => boolean; isReady: () => Promise<boolean> }): ReadinessCheck {
  return readinessOf({
    supergraph: async () => deps.isSupergraphLoaded(),
    database: databaseAnswers(deps.dataSource),
    firstImport: deps.isReady,
  });
}
