import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One logger for every process. LOG_LEVEL picks the level; tests pass `silent` so a passing
 * suite prints nothing.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level });
}
