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
  constructor(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code, http: { status: httpStatus[code] } } });
  }
}

export const unauthenticated = (message = 'Sign in first: send "Authorization: Bearer <token>" from POST /auth/login.') =>
  new CasebridgeError(ErrorCode.UNAUTHENTICATED, message);
export const badUserInput = (message: string, extensions: Record<string, unknown> = {}) =>
  new CasebridgeError(ErrorCode.BAD_USER_INPUT, message, extensions);
