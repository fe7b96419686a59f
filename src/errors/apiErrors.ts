import { GraphQLError } from 'graphql';
import { ErrorCode } from './errorCodes.js';

/**
 * Errors a caller can act on. Each carries a code from ErrorCode; anything thrown that is not one of
 * these is treated as our fault and masked (see `formatError`).
 */
export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, ...(field ? { field } : {}) } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND } });
}

/** The request has no subject (an anonymous request) where one is needed: what is asked belongs to a subject. */
export function unauthenticated(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function queryTooComplex(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.QUERY_TOO_COMPLEX } });
}

/** The audit record of a write could not be written, so the write was rolled back. */
export function auditUnavailable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.AUDIT_UNAVAILABLE } });
}
