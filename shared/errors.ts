import { GraphQLError } from 'graphql';

/** Every error code a casebridge client can see in `extensions.code`. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  LEGACY_UNAVAILABLE = 'LEGACY_UNAVAILABLE',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

const httpStatus: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  NOT_FOUND: 404,
  LEGACY_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

export class CasebridgeError extends GraphQLError {
  /**
   * `fieldOnly`: the error concerns one field of an otherwise good answer, so it sets no HTTP
   * status — Apollo Server would turn the whole response into that status, and the gateway treats
   * a non-2xx subgraph response as a failed fetch, losing the rest of the data.
   */
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, options: { fieldOnly?: boolean } = {}) {
    super(message, { extensions: { ...extensions, code, ...(options.fieldOnly ? {} : { http: { status: httpStatus[code] } }) } });
  }
}

export const unauthenticated = (message = 'Sign in first: send "Authorization: Bearer <token>" from POST /auth/login.') =>
  new CasebridgeError(ErrorCode.UNAUTHENTICATED, message);
/**
 * Input the caller must correct, saying where: `argumentName` is the field's argument and `field`
 * the path inside it when it is an input object (e.g. "quietHours.start"). Field-only, like every
 * error of one field: with an HTTP status the subgraph's whole answer would be a non-2xx, which the
 * gateway reads as a failed fetch, hiding the message behind INTERNAL_SERVER_ERROR.
 */
export const badUserInput = (message: string, argumentName: string, field?: string) =>
  new CasebridgeError(ErrorCode.BAD_USER_INPUT, message, { argumentName, ...(field === undefined ? {} : { field }) }, { fieldOnly: true });
/** A field the caller may not read; the rest of the answer stands. */
export const forbidden = (message: string) => new CasebridgeError(ErrorCode.FORBIDDEN, message, {}, { fieldOnly: true });
/** Something the caller may not see, in the words used for something that does not exist. */
export const notFound = () => new CasebridgeError(ErrorCode.NOT_FOUND, 'Not found.', {}, { fieldOnly: true });
