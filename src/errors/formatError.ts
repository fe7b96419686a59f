import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { DatabaseUnavailableError, isDatabaseTimeout, isDatabaseUnavailable } from '../database/index.js';
import { InputError } from '../validation/index.js';
import { ErrorCode, isErrorCode } from './errorCodes.js';

/**
 * Decides what a client sees of an error. Errors with one of our codes pass as they are (without
 * stack traces); an InputError is BAD_USER_INPUT naming its field; database outages and timeouts get their own codes; everything else is our fault: the
 * client gets a generic message with the request id, the log gets the details.
 */
export function createFormatError(logger: Logger, queryTimeoutMs: number) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const requestId = requestIdOf(error);
    const code = formatted.extensions?.['code'];

    if (isDatabaseUnavailable(original)) {
      // During an outage every request lands here: one line each, the stack only for a driver error.
      if (original instanceof DatabaseUnavailableError) logger.warn({ requestId, reason: original.message }, 'database unavailable');
      else logger.warn({ err: original, requestId }, 'database unavailable');
      const message = original instanceof DatabaseUnavailableError ? original.message : 'The database is unavailable; retry later.';
      return clientError(formatted, ErrorCode.DATABASE_UNAVAILABLE, message, requestId);
    }
    if (isDatabaseTimeout(original)) {
      logger.warn({ err: original, requestId }, 'database timeout');
      return clientError(formatted, ErrorCode.TIMEOUT, `The query took longer than the database timeout of ${queryTimeoutMs / 1000} s; narrow it (fewer hops, smaller pages, tighter filters).`, requestId);
    }
    // A caller's mistake found below the resolvers (validation, cursors, filters, write rules):
    // converted here, once, rather than by a wrapper around every resolver that may raise one.
    if (original instanceof InputError) {
      return {
        message: original.message,
        ...(formatted.locations ? { locations: formatted.locations } : {}),
        ...(formatted.path ? { path: formatted.path } : {}),
        extensions: { code: ErrorCode.BAD_USER_INPUT, field: original.field },
      };
    }
    if (isErrorCode(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: { ...extensions, code } };
    }
    logger.error({ err: original, requestId, path: formatted.path }, 'internal error');
    return clientError(formatted, ErrorCode.INTERNAL_SERVER_ERROR, `Internal error; quote request id ${requestId ?? 'unknown'} when reporting it.`, requestId);
  };
}

function clientError(formatted: GraphQLFormattedError, code: ErrorCode, message: string, requestId: string | undefined): GraphQLFormattedError {
  return {
    message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: { code, ...(requestId ? { requestId } : {}) },
  };
}

/** The request id is stamped on errors by the request-id plugin so formatError can quote it. */
export const REQUEST_ID_SYMBOL = Symbol.for('scam-atlas.requestId');

function requestIdOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && REQUEST_ID_SYMBOL in error) {
    const value = (error as Record<symbol, unknown>)[REQUEST_ID_SYMBOL];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}
