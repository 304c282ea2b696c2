import http from 'node:http';
import type { Logger } from '../logger.js';
import { listen, localUrl } from '../graphql/listen.js';
import { registry } from './metrics.js';
import { metricsPortOf, type MetricsConfig, type MetricsProcess } from './metrics-config.js';

/** `/healthz`: 200 when the process can serve, 503 naming what is not there yet. */
export type ReadinessCheck = () => Promise<{ ready: true } | { ready: false; failed: string[] }>;

export interface MetricsServer {
  /** `http://127.0.0.1:<port>` (no path), or undefined when METRICS=off. */
  url: string | undefined;
  close(): Promise<void>;
}

const json = (res: http.ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
};

/**
 * The operator's port of a process (METRICS_PORT, loopback unless METRICS_HOST says otherwise):
 * `GET /metrics` in Prometheus text, `GET /livez` (the process answers: no dependency is asked)
 * and `GET /healthz` (the process's readiness, as its API port says it where it has one). The
 * worker has no other port, so this is where its health is read.
 */
export async function startMetricsServer(options: {
  config: MetricsConfig;
  process: MetricsProcess;
  logger: Logger;
  readiness?: ReadinessCheck;
}): Promise<MetricsServer> {
  const { config, logger } = options;
  if (!config.enabled) return { url: undefined, close: async () => undefined };
  const readiness = options.readiness ?? (async () => ({ ready: true as const }));
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'Only GET is served here.' });
    if (path === '/livez') return json(res, 200, { status: 'alive' });
    if (path === '/metrics') {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
          res.end(text);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'collecting the metrics failed');
          json(res, 500, { error: 'Collecting the metrics failed: see the process log.' });
        },
      );
      return;
    }
    if (path === '/healthz') {
      readiness().then(
        (state) => (state.ready ? json(res, 200, { status: 'ok' }) : json(res, 503, { status: 'unavailable', failed: state.failed })),
        () => json(res, 503, { status: 'unavailable', failed: ['readiness'] }),
      );
      return;
    }
    json(res, 404, { error: 'Not found: GET /metrics, /livez or /healthz.' });
  });
  const port = await listen(server, config.host, metricsPortOf(config, options.process)).catch(async (error: unknown) => {
    // A second process of the same kind on this machine finds its default taken: it still serves,
    // on a free port it logs. A port the operator chose (METRICS_PORT) is kept to, or the start fails.
    if (config.port !== undefined || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    logger.warn({ port: metricsPortOf(config, options.process) }, 'the default metrics port is taken (another process of this kind here?): serving on a free port; set METRICS_PORT for each');
    return listen(server, config.host, 0);
  });
  const url = localUrl(config.host, port, '');
  logger.info({ url: `${url}/metrics` }, 'metrics listening');
  return {
    url,
    close: () => new Promise<void>((resolve) => {
      // A scrape is short: nothing here is worth waiting for at shutdown.
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
