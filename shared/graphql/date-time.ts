import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { z } from 'zod';
import { ErrorCode } from '../errors.js';

const isoWithOffset = z.iso.datetime({ offset: true });

/**
 * Thrown as a plain Error carrying the code: graphql-js wraps it in an error that names the
 * variable or argument and the path inside it (`Variable "$filter" got invalid value "yesterday"
 * at "filter.from"; …`), and that error keeps these extensions.
 */
const invalid = (got: string) =>
  Object.assign(new Error(`DateTime must be ISO 8601 with an offset, e.g. 2026-01-31T09:00:00Z or 2026-01-31T10:00:00+01:00; got ${got}.`), {
    extensions: { code: ErrorCode.BAD_USER_INPUT },
  });

function parse(value: unknown): Date {
  if (typeof value !== 'string' || !isoWithOffset.safeParse(value).success) throw invalid(JSON.stringify(value) ?? String(value));
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
  parseLiteral: (node: ValueNode) => parse(node.kind === Kind.STRING ? node.value : `a ${node.kind} literal`),
});
