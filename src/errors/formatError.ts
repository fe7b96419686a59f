import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { DatabaseUnavailableError, isDatabaseTimeout, isDatabaseUnavailable } from '../database/index.js';
import { InputError } from '../validation/index.js';
import { DeadlineExceededError } from '../util/deadline.js';
import { ErrorCode, isErrorCode } from './errorCodes.js';

/**
 * Decides what a client sees of an error. Errors with one of our codes pass as they are (without
 * stack traces); an InputError is BAD_USER_INPUT naming its field; database outages and timeouts get their own codes; everything else is our fault: the
 * client gets a generic message with the request id, the log gets the details.
 */
export function createFormatError(logger: Logger, queryTimeoutMs: number, requestTimeoutMs?: number) {
  const timeouts = `the per-statement timeout of ${queryTimeoutMs / 1000} s${requestTimeoutMs === undefined ? '' : ` or the request deadline of ${requestTimeoutMs / 1000} s`}`;
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
    if (isDatabaseTimeout(original) || original instanceof DeadlineExceededError) {
      logger.warn({ err: original, requestId, path: formatted.path }, 'timeout');
      return clientError(formatted, ErrorCode.TIMEOUT, `This field ran out of time (${timeouts}); narrow it (fewer hops, smaller pages, tighter filters) or ask for it in a request of its own.`, requestId);
    }
    // A request that is not one we can run (Apollo's BAD_REQUEST, an unknown operationName): the
    // client's mistake, so a 400 that says what to send instead, logged at info without a stack.
    if (code === 'BAD_REQUEST' || code === 'OPERATION_RESOLUTION_FAILURE') {
      const message = badRequestMessage(formatted.message);
      logger.info({ requestId, code: ErrorCode.BAD_REQUEST, reason: formatted.message }, 'bad request');
      return clientError(formatted, ErrorCode.BAD_REQUEST, message, requestId);
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

/** Apollo's messages for requests it cannot run, each with what to send instead. */
const SEND = 'Send one operation as JSON: POST {"query": "{ ... }", "variables": {...}, "operationName": "..."} with content-type: application/json, or GET ?query=...&variables=... with the header apollo-require-preflight: true.';
function badRequestMessage(message: string): string {
  if (message.startsWith('Operation batching disabled')) return `Batched requests (a JSON array of operations) are not accepted. ${SEND}`;
  if (message.includes('non-empty `query`')) return `The request has no \`query\`. ${SEND}`;
  if (message.startsWith('GraphQL queries must be strings')) return `\`query\` must be a string holding a GraphQL document. ${SEND}`;
  if (message.includes('Cross-Site Request Forgery')) {
    return 'Refused as a possible Cross-Site Request Forgery: a GET or a form-like POST must show it is not a simple browser request. Send content-type: application/json, or add the header apollo-require-preflight: true (any non-empty value).';
  }
  if (message.startsWith('Unknown operation named')) return `${message} Send an operationName that the document defines, or none when it defines one operation.`;
  if (message.startsWith('Must provide operation name')) return `${message.trim()} Send "operationName" naming the one to run.`;
  if (message.startsWith('POST body missing')) return `The request has no GraphQL body. ${SEND}`;
  return `${message.trim()} ${SEND}`;
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
