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
    if (original instanceof GraphQLError) return formatted;
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
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
