import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';

/**
 * Errors we raise on purpose (GraphQLErrors: our CasebridgeError, GraphQL validation) reach the
 * caller as they are; anything else is a bug or an outage, so the caller gets a generic message
 * and the log gets the details.
 */
export function maskUnexpectedErrors(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError || isRelayedFromSubgraph(error, original)) return formatted;
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}

/**
 * An error a subgraph answered, relayed by the gateway: its original is the subgraph's JSON error,
 * not an Error, and the subgraph already masked it if it was unexpected (with this same function).
 * A failure to reach the subgraph carries a real Error instead, and stays masked.
 */
function isRelayedFromSubgraph(error: unknown, original: unknown): boolean {
  return error instanceof GraphQLError && typeof error.extensions['serviceName'] === 'string'
    && typeof original === 'object' && original !== null && !(original instanceof Error);
}

/** One log line per operation that produced errors, with their codes (never the variables). */
export function logOperationErrors<C extends BaseContext>(logger: Logger): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, operationName }) {
          const codes = errors.map((e) => e.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR);
          logger.info({ operationName, codes }, 'operation answered with errors');
        },
      };
    },
  };
}
