import type { Logger } from './logger.js';

/**
 * The one way a process stops: on the first SIGINT or SIGTERM, `close` runs once, then the process
 * exits 0, or 1 when closing failed.
 */
export function exitOnSignals(what: string, close: () => Promise<void>, logger: Logger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${what} stopping`);
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
