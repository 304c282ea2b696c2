import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloServerErrorCode, unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';

/** Codes only the gateway raises (over HTTP or the live socket), beside the project's ErrorCode. */
export enum GatewayErrorCode {
  /** An operation over a limit of MAX_QUERY_DEPTH, MAX_QUERY_ALIASES, MAX_QUERY_COST, MAX_BATCH_SIZE, MAX_QUERY_BYTES (HTTP 400). */
  OPERATION_TOO_COMPLEX = 'OPERATION_TOO_COMPLEX',
  /** Too many operations or sign-in failures; `Retry-After` says when to come back (HTTP 429). */
  RATE_LIMITED = 'RATE_LIMITED',
  /** Live subscriptions: the gateway has not loaded the graph yet, or could not check the subscriber's access (a subgraph down); subscribe again in a moment. */
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** The operation is not GraphQL (Apollo Server's code of the same name on POST /graphql). */
  GRAPHQL_PARSE_FAILED = 'GRAPHQL_PARSE_FAILED',
  /** The operation does not fit the graph (Apollo Server's code of the same name on POST /graphql). */
  GRAPHQL_VALIDATION_FAILED = 'GRAPHQL_VALIDATION_FAILED',
}

/** Every code a client of the gateway can read in `extensions.code`. */
export type ClientErrorCode = ErrorCode | GatewayErrorCode;

/** An operation over one of the limits: names the limit, its value and what the operation had. */
export class OperationTooComplexError extends GraphQLError {
  constructor(message: string, public readonly limit: string, public readonly max: number, public readonly actual?: number) {
    super(message, {
      extensions: { code: GatewayErrorCode.OPERATION_TOO_COMPLEX, limit, max, ...(actual !== undefined ? { actual } : {}), http: { status: 400 } },
    });
  }
}

/** HTTP 429 with `Retry-After`, as a GraphQL error. */
export class RateLimitedError extends GraphQLError {
  constructor(message: string, public readonly retryAfterSeconds: number) {
    super(message, {
      extensions: {
        code: GatewayErrorCode.RATE_LIMITED,
        retryAfterSeconds,
        http: { status: 429, headers: new Map([['retry-after', String(retryAfterSeconds)]]) },
      },
    });
  }
}

const OUR_CODES = new Set<string>([...Object.values(ErrorCode), ...Object.values(GatewayErrorCode)]);
/** What a subgraph may tell the caller: the shared vocabulary, never the gateway's own codes. */
const RELAYABLE_CODES = new Set<string>(Object.values(ErrorCode).filter((c) => c !== ErrorCode.INTERNAL_SERVER_ERROR));
/** Apollo Server's own request errors (parse, validation, bad request…): safe to show. */
const APOLLO_CODES = new Set<string>(Object.values(ApolloServerErrorCode).filter((c) => c !== ApolloServerErrorCode.INTERNAL_SERVER_ERROR));
/** The extensions a client may see; anything else (serviceName, exception, stacktrace…) is dropped. */
const PUBLIC_EXTENSIONS = ['code', 'argumentName', 'field', 'limit', 'max', 'actual', 'retryAfterSeconds'];

const generic = (formatted: GraphQLFormattedError): GraphQLFormattedError => ({
  message: 'Internal server error',
  ...(formatted.path ? { path: formatted.path } : {}),
  extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
});

function publicExtensions(extensions: Record<string, unknown> | undefined, code: string): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const key of PUBLIC_EXTENSIONS) if (extensions?.[key] !== undefined) kept[key] = extensions[key];
  return { ...kept, code };
}

/**
 * The gateway's formatError: nothing internal reaches a client. Our own errors and Apollo's request
 * errors pass with their message; an error relayed from a subgraph passes only with one of our
 * codes (the subgraph meant it for the caller); everything else — a subgraph's unexpected error,
 * an unreachable subgraph, a bug — becomes "Internal server error" and is logged. Only public
 * extensions remain (never serviceName, stack traces or SQL).
 */
export function formatGatewayError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    // Validation wraps our rule's error with GRAPHQL_VALIDATION_FAILED: give it back its code.
    const cause = error instanceof GraphQLError ? error.originalError : undefined;
    if (cause instanceof OperationTooComplexError) {
      return { message: cause.message, ...(formatted.locations ? { locations: formatted.locations } : {}), extensions: publicExtensions(cause.extensions, GatewayErrorCode.OPERATION_TOO_COMPLEX) };
    }
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
    const relayed = error instanceof GraphQLError && typeof error.extensions['serviceName'] === 'string';
    const allowed = code !== undefined && (relayed
      ? RELAYABLE_CODES.has(code)
      : original instanceof GraphQLError && (OUR_CODES.has(code) || APOLLO_CODES.has(code)));
    if (!allowed || code === undefined) {
      logger.error({ err: original, code, path: formatted.path }, 'unexpected error while resolving');
      return generic(formatted);
    }
    return {
      message: formatted.message,
      ...(formatted.locations && !relayed ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: publicExtensions(formatted.extensions, code),
    };
  };
}

/** Response-level `extensions` (traces, timings) never leave the gateway. */
export function stripResponseExtensions<C extends BaseContext>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') delete response.body.singleResult.extensions;
          else delete response.body.initialResult.extensions;
        },
      };
    },
  };
}
