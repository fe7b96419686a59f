/**
 * Limits and defaults, as named constants in one place. Anything a deployment may want to change is
 * also exposed through the environment (see `config.ts`); these are the defaults behind it.
 */

/** HTTP port of the GraphQL API. */
export const DEFAULT_HTTP_PORT = 4000;
/** Loopback by default: exposing the API on a network is a deliberate choice (HOST=0.0.0.0). */
export const DEFAULT_HTTP_HOST = '127.0.0.1';

/** Bolt port of the embedded Neo4j (Neo4j's own default). */
export const DEFAULT_EMBEDDED_BOLT_PORT = 7687;
/** Heap and page cache sized for a 2-core, 24 GiB machine, leaving room for Node and the OS. */
export const DEFAULT_EMBEDDED_HEAP = '4g';
export const DEFAULT_EMBEDDED_PAGECACHE = '4g';
/** A cold JVM start plus store recovery can take a while on a slow disk; never wait forever. */
export const DEFAULT_EMBEDDED_START_TIMEOUT_MS = 120 * 1000;

/** Every Cypher transaction is bounded: a request never hangs on the database. */
export const DEFAULT_QUERY_TIMEOUT_MS = 15 * 1000;
/**
 * Writes of seeding and imports (one transaction per batch of IMPORT_BATCH_SIZE items) have their
 * own, longer limit: a batch on a busy machine can take far longer than any API request should.
 */
export const DEFAULT_BULK_TIMEOUT_MS = 5 * 60 * 1000;
/** How long `/ready` waits for Neo4j before it answers 503. */
export const READINESS_TIMEOUT_MS = 2 * 1000;
/** Graceful shutdown: in-flight requests get this long to finish before connections are cut. */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 10 * 1000;
/** Largest accepted HTTP request body (a GraphQL document with variables). */
export const MAX_REQUEST_BODY = '1mb';

/** Most ids accepted by `nodes(ids)` in one call. */
export const MAX_NODES_PER_LOOKUP = 100;

/** Page size of connections when `first` is not given, and the most a client may ask for. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** Most items of an unpaginated convenience list (a person's nationalities, journey stops...). */
export const MAX_INLINE_LIST = 100;
/**
 * A filtered list page with its totalCount is read in one pass (match and order once, collect, take
 * the size and slice the page) while the filter matches at most this many entities; a larger set
 * falls back to a count plus a top-k page, so no request holds a whole kind (1M nodes) in memory.
 * 10,000 collected matches are a few MB of heap for one request.
 */
export const LIST_ONE_PASS_MAX_MATCHES = 10_000;

/**
 * Look-ahead (src/resolvers/lookahead/): nested relationship pages are fetched in the root
 * field's statement up to this many levels deep; deeper levels go through the loaders. (The rows
 * are the same either way — every page is capped — only the number of round trips changes.)
 */
export const MAX_PREFETCH_DEPTH = 4;

/** Investigator queries: every traversal is capped, and the caps are part of the API contract. */
export const PATHS_MAX_K = 10;
export const PATHS_MAX_HOPS = 8;
export const NEIGHBOURHOOD_MAX_DEPTH = 3;
export const NEIGHBOURHOOD_MAX_LIMIT = 500;
export const MONEY_TRAIL_MAX_HOPS = 8;
export const MONEY_TRAIL_MAX_ACCOUNTS = 1000;
export const COMMON_CONNECTIONS_MAX_IDS = 10;
export const COMMON_CONNECTIONS_MAX_HOPS = 3;
export const SEARCH_MAX_TEXT = 200;
export const SEARCH_MAX_HITS = 100;
export const BROKERS_MAX_DEPTH = 4;
/** Entities with more relationships than this are hubs, skipped by traversals unless asked for. */
export const DEFAULT_HUB_DEGREE = 200;
/** Betweenness is O(nodes × relationships): the measured subgraph is capped at this many relationships. */
export const BROKERS_MAX_RELATIONSHIPS = 20_000;

/**
 * Deepest nesting of arrays and objects accepted in one line of an import (a native record is
 * three or four levels deep, a FollowTheMoney entity about as many). Deeper lines are refused
 * before parsing, so that no line can exhaust the stack.
 */
export const MAX_IMPORT_NESTING = 64;
