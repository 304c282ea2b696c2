import type http from 'node:http';
import type { Logger } from './logger.js';

/** How long a stopping process waits for requests and jobs in flight before it cuts them off. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * The one way a process stops: on the first SIGINT or SIGTERM, `close` runs once — each server
 * stops accepting, lets what is in flight finish (drainHttpServer, ApolloServer's drain plugin,
 * the worker's Agenda drain), then closes — and the process exits 0, or 1 when closing failed or
 * outlasted `timeoutMs`.
 */
export function exitOnSignals(what: string, close: () => Promise<void>, logger: Logger, timeoutMs = 3 * DRAIN_TIMEOUT_MS): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${what} stopping`);
    const deadline = setTimeout(() => {
      logger.error({ timeoutMs }, `${what} did not stop in time`);
      process.exit(1);
    }, timeoutMs);
    deadline.unref();
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, `${what} did not stop cleanly`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * Stops an HTTP server that is not an Apollo Server's (those drain with its plugin): no new
 * connection is accepted, idle keep-alive connections close at once, requests in flight get their
 * answer; whatever is still open after `graceMs` is cut.
 */
export function drainHttpServer(server: http.Server, graceMs = DRAIN_TIMEOUT_MS): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const cut = setTimeout(() => server.closeAllConnections(), graceMs);
    cut.unref();
    server.close((error) => {
      clearTimeout(cut);
      if (error && (error as NodeJS.ErrnoException).code !== 'ERR_SERVER_NOT_RUNNING') reject(error);
      else resolve();
    });
    server.closeIdleConnections();
  });
}
