/**
 * The codes a client can switch on, in `errors[].extensions.code`. One list, here; every error the
 * API returns carries one of these (Apollo's own validation and parse errors use the same names).
 */
export const ErrorCode = {
  /**
   * The HTTP request is not a GraphQL request we can run (no `query`, a batched array, an unknown
   * `operationName`, a body that is not UTF-8 JSON, a simple request refused as possible CSRF); the
   * message says what to send instead.
   */
  BAD_REQUEST: 'BAD_REQUEST',
  /** An argument or input is wrong; the message names the field and what is expected. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  /** The GraphQL document does not parse. */
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  /** The document asks for fields or types the schema does not have. */
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  /** An id that does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** No or invalid credentials. */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The viewer's role may not do this. */
  FORBIDDEN: 'FORBIDDEN',
  /** A query exceeds a depth, size or cost limit; the message gives the limit. */
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** The client spent its cost budget; retry after the `Retry-After` header's seconds. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The database did not answer within the per-statement timeout, or the request ran past its deadline. */
  TIMEOUT: 'TIMEOUT',
  /** Neo4j cannot be reached; retry later. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  /**
   * The audit log could not be written, so nothing that needed recording is sent: a whole answer
   * holding protected data is withheld (HTTP 503), or a mutation field fails and its write does not
   * happen (a write commits only with its record). Retry later.
   */
  AUDIT_UNAVAILABLE: 'AUDIT_UNAVAILABLE',
  /** A fault of ours; details are in the server log under the request id. */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** HTTP status sent when a request fails as a whole with this code. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  BAD_USER_INPUT: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  QUERY_TOO_COMPLEX: 400,
  RATE_LIMITED: 429,
  TIMEOUT: 504,
  DATABASE_UNAVAILABLE: 503,
  AUDIT_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ErrorCode, value);
}
