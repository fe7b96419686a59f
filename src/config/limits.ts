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
/** Largest accepted HTTP request body (a GraphQL document with variables), in bytes: 1 MiB. */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

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
 * A collected match is a node reference, its sort value and id (~150 bytes of Neo4j heap): 50,000
 * are under 10 MB for one request. At 10,000, the victims of the largest nationality at 1M (26,000)
 * took the fallback's two further passes: 41.8 ms of Neo4j CPU per request against the one-pass
 * floor's 28 ms (docs/benchmarks.md).
 */
export const LIST_ONE_PASS_MAX_MATCHES = 50_000;

/**
 * Look-ahead (src/resolvers/lookahead/): nested relationship pages are fetched in the root
 * field's statement up to this many levels deep; deeper levels go through the loaders. (The rows
 * are the same either way — every page is capped — only the number of round trips changes.)
 */
export const MAX_PREFETCH_DEPTH = 4;

/**
 * Look-ahead plans kept per root field of a document (src/resolvers/lookahead/plan.ts), one per set
 * of the variable values its selection reads: a document sent with new values each time keeps at
 * most this many before they are dropped.
 */
export const PLANS_PER_FIELD_MAX = 32;

/** Investigator queries: every traversal is capped, and the caps are part of the API contract. */
export const PATHS_MAX_K = 10;
export const PATHS_MAX_HOPS = 8;
export const NEIGHBOURHOOD_MAX_DEPTH = 3;
export const NEIGHBOURHOOD_MAX_LIMIT = 500;
export const MONEY_TRAIL_MAX_HOPS = 8;
export const MONEY_TRAIL_MAX_ACCOUNTS = 1000;
export const COMMON_CONNECTIONS_MAX_IDS = 10;
export const COMMON_CONNECTIONS_MAX_HOPS = 3;
/** Most entities `exportView` writes: a drawn view, not a database dump (npm run export is for those). */
export const EXPORT_VIEW_MAX_IDS = 1_000;
/** Largest radius `scamCentresNear` takes: half the Earth's circumference, about 20,000 km, reaches everywhere. */
export const GEO_MAX_RADIUS_KM = 20_000;
export const SEARCH_MAX_TEXT = 200;
export const SEARCH_MAX_HITS = 100;
export const BROKERS_MAX_DEPTH = 4;
/** Entities with more relationships than this are hubs, skipped by traversals unless asked for. */
export const DEFAULT_HUB_DEGREE = 200;
/** Hubs a common-connections search reports as skipped: at most this many, most connected first. */
export const SKIPPED_HUBS_MAX = 20;
/** A skipped hub's degree is counted up to this many relationships (a country's can be millions). */
export const HUB_DEGREE_REPORT_MAX = 10_000;
/** Betweenness is O(nodes × relationships): the measured subgraph is capped at this many relationships. */
export const BROKERS_MAX_RELATIONSHIPS = 20_000;

/**
 * Deepest nesting of arrays and objects accepted in one line of an import (a native record is
 * three or four levels deep, a FollowTheMoney entity about as many). Deeper lines are refused
 * before parsing, so that no line can exhaust the stack.
 */
export const MAX_IMPORT_NESTING = 64;

/**
 * Operation limits (issue 12), checked from the document before any Cypher runs
 * (src/server/limits/). Each is overridable by an environment variable (config.ts, README).
 * The defaults leave every benchmark and documented query below them (the benchmark's costliest,
 * moneyTrail, costs 5,000; the story's held-in-Myanmar page 120,100) and refuse the measured attacks: `relationships(first: 2)`
 * nested 20 deep (depth 60, cost 2 million), 500 aliases of `node`, four nested pages of 100 (cost 100 million).
 */
/**
 * Deepest field nesting of an operation (`{ a { b } }` is 2). A list page with four nested
 * `relationships { edges { other { … } } }` levels below it is 16.
 */
export const DEFAULT_MAX_DEPTH = 20;
/** Most aliased fields in one operation. */
export const DEFAULT_MAX_ALIASES = 30;
/** Most root fields (after fragments) in one operation: each runs a statement of its own. */
export const DEFAULT_MAX_ROOT_FIELDS = 20;
/** Most directives (`@include`, `@skip`, …) in one document. */
export const DEFAULT_MAX_DIRECTIVES = 50;
/**
 * Most lexical tokens of a document (graphql's `parse(…, { maxTokens })`): a 2,000-token document is
 * about 8 KB of GraphQL; GraphiQL's introspection query is under 300. It also bounds validation's
 * quadratic field-merging check (measured: under 300 ms for the worst 2,000-token document).
 */
export const DEFAULT_MAX_TOKENS = 2_000;
/**
 * Largest estimated cost of one operation: about the number of objects it may return, page sizes
 * (`first`, DEFAULT_PAGE_SIZE when not given) multiplied through the nesting, investigator queries
 * weighted by their caps (see src/server/limits/measureOperation.ts). 200,000 allows the story's
 * 100 scam centres × 100 people held there with their nationalities (about 120,000) and refuses
 * 100 × 100 × 100 pages (a million) and `relationships(first: 2)` nested 20 deep (two million).
 */
export const DEFAULT_MAX_COST = 200_000;
/**
 * Cost points a client (the token's subject, or the address when anonymous) may spend per minute,
 * refilled continuously; beyond it requests get 429 with Retry-After. 0 turns rate limiting off.
 * 1,000,000 is five maximal operations a minute, or ten thousand typical ones (cost ~100).
 */
export const DEFAULT_COST_POINTS_PER_MINUTE = 1_000_000;
/** Clients remembered by the rate limiter at most; the longest-idle are forgotten first (a full bucket). */
export const RATE_LIMIT_MAX_CLIENTS = 100_000;
/**
 * Cost estimate of the lists that take no `first` (a person's nationalities, journey, an entity's
 * sources and grades): typical sizes are a handful; MAX_INLINE_LIST bounds the real ones.
 */
export const ESTIMATED_INLINE_LIST_SIZE = 10;
/**
 * `brokers` without `around` ranks a sample of the whole graph (BROKERS_MAX_RELATIONSHIPS): heavy
 * work whatever it returns, priced so that a client can run a few a minute.
 */
export const BROKERS_WHOLE_GRAPH_COST = 5_000;

/**
 * Whole-request deadline: every Cypher statement of a request gets what is left of it as its
 * transaction timeout, and analytics in a worker thread are stopped at it. Larger than one statement's
 * timeout (a request is several statements), far below the 33–248 s requests measured without it.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 30 * 1000;
/** Betweenness over at least this many links runs in a worker thread (src/analysis/betweennessInWorker.ts); smaller graphs take milliseconds in place. */
export const BETWEENNESS_IN_WORKER_FROM_LINKS = 2_000;

/**
 * Entity resolution (`duplicateCandidates`, src/graph/resolution.ts). The default `minScore`: pairs
 * scoring at least this are returned. Chosen on the resolution benchmark (bench/resolution.ts,
 * docs/benchmarks.md) where it gives precision ≥ 0.95 and recall ≥ 0.90 on planted duplicates.
 */
export const DEFAULT_DUPLICATE_MIN_SCORE = 0.55;
/**
 * A blocking key shared by more entities than this (of one kind, that the role may see) is too
 * common to mean anything — a name token like "victim" or "compound" — and is skipped: its pairs are
 * not compared through it (they still are through any other key they share). Also bounds the pairs
 * scored per block to 1,225.
 */
export const RESOLUTION_BLOCK_MAX = 50;
/** Blocking keys read per statement while paging through blocks in index order. */
export const RESOLUTION_SCAN_BATCH = 5_000;
/**
 * Blocking keys one `duplicateCandidates` request reads at most: past it, the page is returned with
 * what it found (possibly fewer than `first`, even none) and `hasNextPage` with a cursor to go on
 * from, so a request never becomes a whole-graph pass.
 */
export const RESOLUTION_SCAN_MAX_KEYS = 250_000;
/** Characters of a merge's or unmerge's `reason` at most (1 to this many, not blank). */
export const MERGE_REASON_MAX_LENGTH = 2_000;
/** Watch rules (issue 17, part 4): most rules one subject may keep; `watchRules` returns them all. */
export const MAX_WATCH_RULES_PER_SUBJECT = 50;
/** Longest name a subject may give a rule. */
export const MAX_WATCH_RULE_NAME_LENGTH = 200;
/** Most alerts one `acknowledgeAlerts` call takes. */
export const MAX_ALERTS_PER_ACKNOWLEDGEMENT = 100;
/** Most relationship types a NEW_LINK_TO_ENTITY rule may list. */
export const MAX_WATCH_RULE_RELATIONSHIP_TYPES = 20;
