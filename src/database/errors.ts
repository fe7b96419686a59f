import { Neo4jError } from 'neo4j-driver';

/**
 * Database failures recognised in one place, so the API can tell a client "try again later" or
 * "your query took too long" instead of a generic internal error.
 */
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof Neo4jError && UNAVAILABLE_CODES.has(error.code);
}

export function isDatabaseTimeout(error: unknown): boolean {
  return error instanceof Neo4jError && TIMEOUT_CODES.has(error.code);
}

/** Transient errors the driver retries by itself inside managed transactions. */
export function isRetryable(error: unknown): boolean {
  return Neo4jError.isRetryable(error);
}
