import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '../model/roles.js';
import { projectRoot } from './projectRoot.js';
import {
  DEFAULT_BULK_TIMEOUT_MS,
  DEFAULT_EMBEDDED_BOLT_PORT,
  DEFAULT_EMBEDDED_HEAP,
  DEFAULT_EMBEDDED_PAGECACHE,
  DEFAULT_EMBEDDED_START_TIMEOUT_MS,
  DEFAULT_HTTP_HOST,
  DEFAULT_HTTP_PORT,
  DEFAULT_QUERY_TIMEOUT_MS,
  DEFAULT_SHUTDOWN_TIMEOUT_MS,
  DEFAULT_COST_POINTS_PER_MINUTE,
  DEFAULT_MAX_ALIASES,
  DEFAULT_MAX_COST,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_DIRECTIVES,
  DEFAULT_MAX_ROOT_FIELDS,
  DEFAULT_MAX_TOKENS,
  DEFAULT_REQUEST_TIMEOUT_MS,
} from './limits.js';

/**
 * The whole configuration, read from the environment once at start and validated: a bad value stops
 * the app with a message naming the variable and the expected form. Every variable is documented in
 * the README; keep the two in step.
 */
export interface Config {
  http: { host: string; port: number; corsOrigins: CorsOrigins; introspection: boolean };
  logLevel: LogLevel;
  neo4j: ExternalNeo4jConfig | EmbeddedNeo4jConfig;
  queryTimeoutMs: number;
  /** Limit of each write transaction of seeding and imports (NEO4J_BULK_TIMEOUT_MS). */
  bulkTimeoutMs: number;
  /** Whole-request deadline: each statement gets what is left of it. */
  requestTimeoutMs: number;
  /** Operation limits checked before execution, and the per-client cost budget. */
  limits: OperationLimits;
  shutdownTimeoutMs: number;
  /** Look-ahead and cross-field caching on (the fast path), or every field on the plain reference path. */
  lookAhead: boolean;
  /** A mutation's write and its tally bookkeeping as one statement behind its checks (the fast path), or the stepwise reference path. */
  oneStatementWrites: boolean;
  /** A request's consecutive mutations that decide alone as one statement (the fast path), or each on its own, the reference. */
  mutationsTogether: boolean;
  /**
   * Who executes operations: `compiled` (graphql-jit, each document compiled once) or `graphql-js`,
   * the reference executor. The differential fuzzer runs its reference server on `graphql-js`.
   */
  executor: Executor;
  /**
   * Who carries a GraphQL POST: `direct` (Node's request handled by the endpoint's steps and Apollo
   * without Express, src/server/directGraphQL.ts) or `express`, the reference path for everything.
   */
  httpPipeline: HttpPipeline;
  auth: AuthConfig;
}

/** The executors a server can run operations with (EXECUTOR). */
export const EXECUTORS = ['compiled', 'graphql-js'] as const;
export type Executor = (typeof EXECUTORS)[number];

/** The ways a GraphQL POST can be carried (HTTP_PIPELINE). */
export const HTTP_PIPELINES = ['direct', 'express'] as const;
export type HttpPipeline = (typeof HTTP_PIPELINES)[number];

/**
 * Who a request is (src/auth). `anonymousRole`: the role of a request without a token
 * (AUTH_ANONYMOUS_ROLE); `none` refuses them. Tokens are verified against an identity provider's
 * JWKS (`jwksUrl`, with `issuer` and `audience` required) or a shared HS256 secret (`jwtSecret`),
 * never both; with neither, the embedded default signs with a secret it generates beside the Neo4j
 * password, and a server on NEO4J_URI accepts no tokens. The optional fields are unset when not
 * configured, so tests and callers name only what they use.
 */
export interface AuthConfig {
  anonymousRole: Role | 'none';
  /** AUTH_JWKS_URL: the provider's JSON Web Key Set (asymmetric signatures only). */
  jwksUrl?: string | undefined;
  /** AUTH_JWT_SECRET: a shared HS256 secret, at least MIN_JWT_SECRET_LENGTH characters. */
  jwtSecret?: string | undefined;
  /** AUTH_ISSUER: the `iss` every token must carry (required with a JWKS). */
  issuer?: string | undefined;
  /** AUTH_AUDIENCE: an `aud` every token must carry (required with a JWKS). */
  audience?: string | undefined;
  /** AUTH_ROLE_CLAIM: the claim holding the role, a name or a dotted path; DEFAULT_ROLE_CLAIM when unset. */
  roleClaim?: string | undefined;
}

/** The claim read for the role when AUTH_ROLE_CLAIM is not set. */
export const DEFAULT_ROLE_CLAIM = 'role';
/** 32 characters: an HS256 key shorter than the hash (256 bits) weakens it. */
export const MIN_JWT_SECRET_LENGTH = 32;

/** Checked from the document before any Cypher runs; over one → QUERY_TOO_COMPLEX. */
export interface OperationLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  /** Cost points per client per minute; 0: no rate limiting. */
  costPointsPerMinute: number;
}

/** The defaults of limits.ts, as a whole. */
export const DEFAULT_OPERATION_LIMITS: OperationLimits = {
  maxDepth: DEFAULT_MAX_DEPTH,
  maxAliases: DEFAULT_MAX_ALIASES,
  maxRootFields: DEFAULT_MAX_ROOT_FIELDS,
  maxDirectives: DEFAULT_MAX_DIRECTIVES,
  maxTokens: DEFAULT_MAX_TOKENS,
  maxCost: DEFAULT_MAX_COST,
  costPointsPerMinute: DEFAULT_COST_POINTS_PER_MINUTE,
};

/** `false`: no cross-origin access; `true`: any origin; otherwise the listed origins. */
export type CorsOrigins = boolean | string[];
export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface ExternalNeo4jConfig {
  mode: 'external';
  uri: string;
  username: string;
  password: string;
  database: string | undefined;
}

export interface EmbeddedNeo4jConfig {
  mode: 'embedded';
  dataDir: string;
  boltPort: number;
  heap: string;
  pageCache: string;
  startTimeoutMs: number;
  /** A class-data-sharing archive for the JVM (NEO4J_EMBEDDED_CDS). */
  classDataSharing: boolean;
  /** A first start copies the store prepared at install (NEO4J_EMBEDDED_PREPARED_STORE). */
  preparedStore: boolean;
  /** Where prepared stores are kept; tests only (default neo4j/target/prepared-store). */
  preparedStoreDir?: string;
  database: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const NEO4J_URI_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];
const MEMORY_SIZE = /^\d+[kmg]$/i;

const port = (allowZero: boolean) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .min(allowZero ? 0 : 1, allowZero ? 'must be 0 (any free port) to 65535' : 'must be 1 to 65535')
    .max(65535, 'must be at most 65535');

const positiveMs = z.coerce
  .number({ error: 'must be a number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .positive('must be a positive number of milliseconds');

const positiveInt = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .positive('must be a positive whole number');

const nonNegativeInt = z.coerce
  .number({ error: 'must be a whole number' })
  .int('must be a whole number')
  .min(0, 'must be 0 or more');

const memorySize = z
  .string()
  .regex(MEMORY_SIZE, 'must be a size such as 512m or 4g');

const bool = z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }).transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  HOST: z.string().min(1, 'must not be empty').default(DEFAULT_HTTP_HOST),
  PORT: port(false).default(DEFAULT_HTTP_PORT),
  CORS_ORIGINS: z.string().default(''),
  GRAPHQL_INTROSPECTION: bool.default(true),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  NEO4J_URI: z
    .string()
    .refine((uri) => NEO4J_URI_SCHEMES.some((scheme) => uri.startsWith(`${scheme}://`)), {
      message: `must be a Neo4j URI such as bolt://localhost:7687, neo4j://host:7687 or neo4j+s://xxxx.databases.neo4j.io (schemes: ${NEO4J_URI_SCHEMES.join(', ')})`,
    })
    .optional(),
  NEO4J_USERNAME: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z.string().regex(/^[A-Za-z][A-Za-z0-9.-]{2,62}$/, 'must be a Neo4j database name (letters, digits, dots, dashes; 3 to 63 characters)').optional(),
  NEO4J_EMBEDDED_DATA_DIR: z.string().min(1, 'must not be empty').default(path.join('.data', 'neo4j')),
  NEO4J_EMBEDDED_BOLT_PORT: port(true).default(DEFAULT_EMBEDDED_BOLT_PORT),
  NEO4J_EMBEDDED_HEAP: memorySize.default(DEFAULT_EMBEDDED_HEAP),
  NEO4J_EMBEDDED_PAGECACHE: memorySize.default(DEFAULT_EMBEDDED_PAGECACHE),
  NEO4J_EMBEDDED_START_TIMEOUT_MS: positiveMs.default(DEFAULT_EMBEDDED_START_TIMEOUT_MS),
  NEO4J_EMBEDDED_CDS: bool.default(true),
  NEO4J_EMBEDDED_PREPARED_STORE: bool.default(true),
  NEO4J_QUERY_TIMEOUT_MS: positiveMs.default(DEFAULT_QUERY_TIMEOUT_MS),
  NEO4J_BULK_TIMEOUT_MS: positiveMs.default(DEFAULT_BULK_TIMEOUT_MS),
  SHUTDOWN_TIMEOUT_MS: positiveMs.default(DEFAULT_SHUTDOWN_TIMEOUT_MS),
  REQUEST_TIMEOUT_MS: positiveMs.default(DEFAULT_REQUEST_TIMEOUT_MS),
  MAX_QUERY_DEPTH: positiveInt.default(DEFAULT_MAX_DEPTH),
  MAX_QUERY_ALIASES: nonNegativeInt.default(DEFAULT_MAX_ALIASES),
  MAX_QUERY_ROOT_FIELDS: positiveInt.default(DEFAULT_MAX_ROOT_FIELDS),
  MAX_QUERY_DIRECTIVES: nonNegativeInt.default(DEFAULT_MAX_DIRECTIVES),
  MAX_QUERY_TOKENS: positiveInt.default(DEFAULT_MAX_TOKENS),
  MAX_QUERY_COST: positiveInt.default(DEFAULT_MAX_COST),
  RATE_LIMIT_COST_PER_MINUTE: nonNegativeInt.default(DEFAULT_COST_POINTS_PER_MINUTE),
  LOOKAHEAD: bool.default(true),
  ONE_STATEMENT_WRITES: bool.default(true),
  MUTATIONS_TOGETHER: bool.default(true),
  EXECUTOR: z.enum(EXECUTORS, { error: `must be one of ${EXECUTORS.join(', ')}` }).default('compiled'),
  HTTP_PIPELINE: z.enum(HTTP_PIPELINES, { error: `must be one of ${HTTP_PIPELINES.join(', ')}` }).default('direct'),
  AUTH_ANONYMOUS_ROLE: z.enum([...ROLES, 'none'], { error: `must be one of ${[...ROLES, 'none'].join(', ')}` }).default('viewer'),
  AUTH_JWKS_URL: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL of a JSON Web Key Set, such as https://idp.example.org/.well-known/jwks.json' }).optional(),
  AUTH_JWT_SECRET: z.string().min(MIN_JWT_SECRET_LENGTH, `must be at least ${MIN_JWT_SECRET_LENGTH} characters (e.g. openssl rand -base64 32)`).optional(),
  AUTH_ISSUER: z.string().optional(),
  AUTH_AUDIENCE: z.string().optional(),
  AUTH_ROLE_CLAIM: z.string().regex(/^[^.\s]+(\.[^.\s]+)*$/, 'must be a claim name or a dotted path such as realm_access.roles').default(DEFAULT_ROLE_CLAIM),
});

/** Reads and validates the configuration; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings count as unset, as shells and .env files often leave them.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const variable = String(issue.path[0]);
      const given = present[variable];
      const shown = variable.includes('PASSWORD') || variable.includes('SECRET') || given === undefined ? '' : ` (got "${given}")`;
      return `  ${variable} ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.NEO4J_URI !== undefined && e.NEO4J_PASSWORD === undefined) {
    throw new ConfigError('Invalid configuration:\n  NEO4J_PASSWORD must be set when NEO4J_URI is set');
  }
  if (e.AUTH_JWKS_URL !== undefined && e.AUTH_JWT_SECRET !== undefined) {
    // Two ways to verify one token invite algorithm confusion; one is always enough.
    throw new ConfigError('Invalid configuration:\n  AUTH_JWKS_URL and AUTH_JWT_SECRET are both set: set one (an identity provider\'s JWKS, or a shared secret)');
  }
  if (e.AUTH_JWKS_URL !== undefined && (e.AUTH_ISSUER === undefined || e.AUTH_AUDIENCE === undefined)) {
    // A provider's keys sign tokens for every application of the tenant: issuer and audience say which are ours.
    throw new ConfigError('Invalid configuration:\n  AUTH_ISSUER and AUTH_AUDIENCE must be set when AUTH_JWKS_URL is set (the `iss` and `aud` your provider puts in tokens for this API)');
  }

  const neo4j: Config['neo4j'] =
    e.NEO4J_URI !== undefined
      ? {
          mode: 'external',
          uri: e.NEO4J_URI,
          username: e.NEO4J_USERNAME,
          password: e.NEO4J_PASSWORD ?? '',
          database: e.NEO4J_DATABASE,
        }
      : {
          mode: 'embedded',
          dataDir: path.resolve(projectRoot, e.NEO4J_EMBEDDED_DATA_DIR),
          boltPort: e.NEO4J_EMBEDDED_BOLT_PORT,
          heap: e.NEO4J_EMBEDDED_HEAP,
          pageCache: e.NEO4J_EMBEDDED_PAGECACHE,
          startTimeoutMs: e.NEO4J_EMBEDDED_START_TIMEOUT_MS,
          classDataSharing: e.NEO4J_EMBEDDED_CDS,
          preparedStore: e.NEO4J_EMBEDDED_PREPARED_STORE,
          database: e.NEO4J_DATABASE,
        };

  return {
    http: {
      host: e.HOST,
      port: e.PORT,
      corsOrigins: parseCorsOrigins(e.CORS_ORIGINS),
      introspection: e.GRAPHQL_INTROSPECTION,
    },
    logLevel: e.LOG_LEVEL,
    neo4j,
    queryTimeoutMs: e.NEO4J_QUERY_TIMEOUT_MS,
    bulkTimeoutMs: e.NEO4J_BULK_TIMEOUT_MS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    limits: {
      maxDepth: e.MAX_QUERY_DEPTH,
      maxAliases: e.MAX_QUERY_ALIASES,
      maxRootFields: e.MAX_QUERY_ROOT_FIELDS,
      maxDirectives: e.MAX_QUERY_DIRECTIVES,
      maxTokens: e.MAX_QUERY_TOKENS,
      maxCost: e.MAX_QUERY_COST,
      costPointsPerMinute: e.RATE_LIMIT_COST_PER_MINUTE,
    },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    lookAhead: e.LOOKAHEAD,
    oneStatementWrites: e.ONE_STATEMENT_WRITES,
    mutationsTogether: e.MUTATIONS_TOGETHER,
    executor: e.EXECUTOR,
    httpPipeline: e.HTTP_PIPELINE,
    auth: {
      anonymousRole: e.AUTH_ANONYMOUS_ROLE,
      jwksUrl: e.AUTH_JWKS_URL,
      jwtSecret: e.AUTH_JWT_SECRET,
      issuer: e.AUTH_ISSUER,
      audience: e.AUTH_AUDIENCE,
      roleClaim: e.AUTH_ROLE_CLAIM,
    },
  };
}

function parseCorsOrigins(value: string): CorsOrigins {
  const trimmed = value.trim();
  if (trimmed === '') return false;
  if (trimmed === '*') return true;
  const origins = trimmed.split(',').map((origin) => origin.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
      throw new ConfigError(
        `Invalid configuration:\n  CORS_ORIGINS must be * or a comma-separated list of origins such as https://app.example.org,http://localhost:5173 (got "${origin}")`,
      );
    }
  }
  return origins;
}

/**
 * loadConfig for entry points (`npm start`, the CLIs): a bad value prints the message to stderr
 * and gives undefined, so the caller exits with code 2 instead of a stack trace.
 */
export function loadConfigOrReport(env: NodeJS.ProcessEnv = process.env): Config | undefined {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee "Configuration" in README.md.\n`);
    return undefined;
  }
}
