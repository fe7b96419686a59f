import { Neo4jError } from 'neo4j-driver';

/**
 * Database failures recognised in one place, so the API can tell a client "try again later" or
 * "your query took too long" instead of a generic internal error, and so that one rule decides what
 * is worth another attempt.
 */
const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);
const TIMEOUT_CODES = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
  'Neo.TransientError.Transaction.LockClientStopped',
]);

/**
 * Thrown without touching the driver while the database is known to be down (the supervisor is
 * restarting it or waiting for it), and for a connection failure that outlasted the retries.
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
  constructor(
    message: string,
    /** When a client may usefully try again. */
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A transaction ran past its limit; the message names the setting that sets the limit. */
export class DatabaseTimeoutError extends Error {
  override name = 'DatabaseTimeoutError';
  constructor(
    message: string,
    readonly timeoutMs: number,
    /** The configuration variable to change for a longer limit, e.g. NEO4J_QUERY_TIMEOUT_MS. */
    readonly setting: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The connection to Neo4j is lost or cannot be made (not a problem of the statement). */
export function isConnectionFailure(error: unknown): boolean {
  return error instanceof Neo4jError && UNAVAILABLE_CODES.has(error.code);
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return error instanceof DatabaseUnavailableError || isConnectionFailure(error);
}

export function isDatabaseTimeout(error: unknown): boolean {
  return error instanceof DatabaseTimeoutError || (error instanceof Neo4jError && TIMEOUT_CODES.has(error.code));
}

/**
 * Worth another attempt: the driver's own rule (ServiceUnavailable, SessionExpired, transient
 * errors such as deadlocks), except a timeout — the time it had is spent.
 */
export function isRetryable(error: unknown): boolean {
  return Neo4jError.isRetryable(error) && !isDatabaseTimeout(error);
}
