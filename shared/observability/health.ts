import type { RequestHandler } from 'express';
import type { DataSource } from 'typeorm';
import type { ReadinessCheck } from './metrics-server.js';

const CHECK_TIMEOUT_MS = 2000;

/** Resolves false when `check` fails or takes longer than two seconds: a health answer never hangs. */
export async function withDeadline(check: () => Promise<boolean>): Promise<boolean> {
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

/** Ready when each named check passes; otherwise not, naming the ones that failed. */
export function readinessOf(checks: Record<string, () => Promise<boolean>>): ReadinessCheck {
  return async () => {
    const results = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await withDeadline(check)] as const));
    const failed = results.filter(([, ok]) => !ok).map(([name]) => name);
    return failed.length === 0 ? { ready: true } : { ready: false, failed };
  };
}

export const databaseAnswers = (dataSource: DataSource) => async () => (await dataSource.query('SELECT 1 AS ok')).length === 1;

/** `GET /livez`: the process is alive and its event loop turns; it asks no dependency. */
export const livezHandler: RequestHandler = (_req, res) => {
  res.set('cache-control', 'no-store').status(200).json({ status: 'alive' });
};

/** `GET /healthz`: 200 `{"status":"ok"}` when ready, else 503 naming the checks that failed. */
export function healthzHandler(readiness: ReadinessCheck): RequestHandler {
  return async (_req, res) => {
    const state = await readiness();
    res.set('cache-control', 'no-store');
    if (state.ready) res.status(200).json({ status: 'ok' });
    else res.status(503).json({ status: 'unavailable', failed: state.failed });
  };
}
