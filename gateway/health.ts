import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';

const CHECK_TIMEOUT_MS = 2000;

async function withDeadline(check: () => Promise<boolean>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check().catch(() => false), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz`: 200 `{"status":"ok"}` once the supergraph is loaded, the database answers and
 * the graph is ready (`firstImport`: see readiness.ts); otherwise 503 naming the checks that failed.
 */
export function healthHandler(deps: { dataSource: DataSource; isSupergraphLoaded: () => boolean; isReady: () => Promise<boolean> }): RequestHandler {
  return async (_req, res) => {
    const [supergraph, database, firstImport] = await Promise.all([
      Promise.resolve(deps.isSupergraphLoaded()),
      withDeadline(async () => (await deps.dataSource.query('SELECT 1 AS ok')).length === 1),
      withDeadline(deps.isReady),
    ]);
    const checks = { supergraph, database, firstImport };
    const failed = Object.entries(checks).filter(([, ok]) => !ok).map(([name]) => name);
    res.set('cache-control', 'no-store');
    if (failed.length === 0) res.status(200).json({ status: 'ok' });
    else res.status(503).json({ status: 'unavailable', failed });
  };
}
