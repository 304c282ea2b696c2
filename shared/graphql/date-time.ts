import { GraphQLError, GraphQLScalarType, Kind, print, type GraphQLFormattedError, type ValueNode } from 'graphql';
import { z } from 'zod';
import { ErrorCode } from '../errors.js';

const isoWithOffset = z.iso.datetime({ offset: true });

/**
 * Thrown as a plain Error carrying its extensions: graphql-js wraps it in an error that names where
 * the value was (`Variable "$filter" got invalid value "yesterday" at "filter.from"; …`, or the
 * literal's location) and keeps them. Status 200: the gateway treats a non-2xx subgraph answer as a
 * failed fetch and would hide the message behind INTERNAL_SERVER_ERROR.
 */
class DateTimeInputError extends Error {
  readonly extensions = { code: ErrorCode.BAD_USER_INPUT, http: { status: 200 } };
  constructor(got: string) {
    super(`DateTime must be ISO 8601 with an offset, e.g. 2026-01-31T09:00:00Z or 2026-01-31T10:00:00+01:00; got ${got}.`);
  }
}

function parse(value: unknown): Date {
  if (typeof value !== 'string' || !isoWithOffset.safeParse(value).success) throw new DateTimeInputError(JSON.stringify(value) ?? String(value));
  return new Date(value);
}

function serialize(value: unknown): string {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime cannot serialize ${JSON.stringify(value) ?? String(value)}: resolvers return a Date or an ISO 8601 string.`);
  }
  return date.toISOString();
}

/**
 * The `DateTime` scalar of every subgraph (date-time.graphql): served as UTC ISO 8601 from a Date
 * or a string; taken only as ISO 8601 with an offset, and handed to resolvers as a Date.
 */
export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize,
  parseValue: parse,
  parseLiteral: (node: ValueNode) => {
    if (node.kind !== Kind.STRING) throw new DateTimeInputError(print(node));
    return parse(node.value);
  },
});

/**
 * A literal DateTime refuses fails validation, which Apollo Server codes GRAPHQL_VALIDATION_FAILED;
 * it is the caller's input as much as a variable is, so it gets the variable's BAD_USER_INPUT.
 */
export function codeDateTimeInput(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  return error instanceof GraphQLError && error.originalError instanceof DateTimeInputError
    ? { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } }
    : formatted;
}
