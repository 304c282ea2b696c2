import { pino, type DestinationStream, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import { currentRequestScope } from './observability/request-id.js';

export type { Logger };

/**
 * Never written, whatever a caller hands the logger: credentials in headers, bodies and errors.
 * pino's paths match these keys at the top of a line's object and one level down (`*.password`).
 */
export const REDACTED_PATHS = [
  'authorization', 'password', 'token', 'accessToken', 'refreshToken', 'secret', 'cookie',
  '*.authorization', '*.password', '*.token', '*.accessToken', '*.refreshToken', '*.secret', '*.cookie',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
];

export interface LoggerOptions {
  /** Where lines go (tests capture them); default stdout, readable (pino-pretty) when stdout is a terminal. */
  destination?: DestinationStream;
}

/** The request being handled, on every line written while it is (shared/observability/request-id.ts). */
function requestFields(): Record<string, string> {
  const scope = currentRequestScope();
  if (!scope) return {};
  const fields: Record<string, string> = { requestId: scope.requestId };
  if (scope.operationName) fields.operationName = scope.operationName;
  if (scope.principalId) fields.principalId = scope.principalId;
  return fields;
}

/**
 * One logger for every process. LOG_LEVEL picks the level; tests pass `silent` so a passing
 * suite prints nothing. JSON lines everywhere but a terminal, where they are made readable.
 */
export function createLogger(name: string, level = process.env.LOG_LEVEL ?? 'info', options: LoggerOptions = {}): Logger {
  const destination = options.destination ?? (process.stdout.isTTY ? pinoPretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }) : undefined);
  const settings = { name, level, mixin: requestFields, redact: { paths: REDACTED_PATHS, censor: '[redacted]' } };
  return destination ? pino(settings, destination) : pino(settings);
}
