import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { inject } from 'vitest';
import { DEFAULT_OPERATION_LIMITS, type Config, type EmbeddedNeo4jConfig } from '../../src/config/index.js';
import type { OnRefused } from '../../src/auth/index.js';
import { Database } from '../../src/database/index.js';
import type { LoaderOptions } from '../../src/loaders/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
}

export interface TestApi {
  url: string;
  db: Database;
  /** POSTs a GraphQL request to the real HTTP endpoint. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

/**
 * A configuration for tests: an ephemeral HTTP port on loopback, the run's Neo4j, the default
 * operation limits without rate limiting (every test shares one address; test/server/limits tests it).
 */
export function testConfig(overrides: Partial<Config['http']> = {}, queryTimeoutMs = 15_000, more: Partial<Omit<Config, 'http'>> = {}): Config {
  const target = inject('neo4j');
  return {
    http: { host: '127.0.0.1', port: 0, corsOrigins: false, introspection: true, ...overrides },
    logLevel: 'silent',
    neo4j: { mode: 'external', uri: target.uri, username: target.username, password: target.password, database: target.database },
    queryTimeoutMs,
    bulkTimeoutMs: 60_000,
    requestTimeoutMs: 60_000,
    limits: { ...DEFAULT_OPERATION_LIMITS, costPointsPerMinute: 0 },
    shutdownTimeoutMs: 2_000,
    lookAhead: true,
    oneStatementWrites: true,
    mutationsTogether: true,
    executor: 'compiled',
    httpPipeline: 'direct',
    // Tests that are not about roles run as admin; the role tests set the anonymous role or send tokens.
    auth: { anonymousRole: 'admin' },
    ...more,
  };
}

/**
 * The embedded Neo4j settings tests use for a database of their own in `dataDir`: a small JVM, a free
 * Bolt port, and neither the class-data-sharing archive nor the prepared store (a test starts the
 * JVM it asks for, and a first start seeds) unless `overrides` says otherwise.
 */
export function embeddedTestNeo4j(dataDir: string, overrides: Partial<Omit<EmbeddedNeo4jConfig, 'mode'>> = {}): EmbeddedNeo4jConfig {
  return { mode: 'embedded', dataDir, boltPort: 0, heap: '512m', pageCache: '256m', startTimeoutMs: 120_000, classDataSharing: false, preparedStore: false, database: undefined, ...overrides };
}

/** A whole configuration for an API on its own embedded Neo4j (`startApp`), logging at info. */
export function embeddedTestConfig(dataDir: string, overrides: Partial<Omit<EmbeddedNeo4jConfig, 'mode'>> = {}, more: Partial<Omit<Config, 'neo4j'>> = {}): Config {
  return {
    http: { host: '127.0.0.1', port: 0, corsOrigins: false, introspection: true },
    logLevel: 'info',
    neo4j: embeddedTestNeo4j(dataDir, overrides),
    queryTimeoutMs: 15_000,
    bulkTimeoutMs: 120_000,
    shutdownTimeoutMs: 2_000,
    lookAhead: true,
    oneStatementWrites: true,
    mutationsTogether: true,
    executor: 'compiled',
    httpPipeline: 'direct',
    auth: { anonymousRole: 'admin' },
    requestTimeoutMs: 120_000,
    limits: { ...DEFAULT_OPERATION_LIMITS, costPointsPerMinute: 0 },
    ...more,
  };
}

/** Starts the real API server (HTTP, Apollo, resolvers, loaders) against the run's Neo4j. */
/** Configuration beyond HTTP (`lookAhead: false` for the reference path, limits, auth...), loader caching (the fuzzer's fault injection), the refusal hook. */
export type TestApiOptions = Partial<Omit<Config, 'http'>> & { loaderOptions?: LoaderOptions; onRefused?: OnRefused };

export async function startTestApi(httpOverrides: Partial<Config['http']> = {}, queryTimeoutMs?: number, options: TestApiOptions = {}): Promise<TestApi> {
  const { loaderOptions, onRefused, ...more } = options;
  const config = testConfig(httpOverrides, queryTimeoutMs, more);
  if (config.neo4j.mode !== 'external') throw new Error('test config must be external');
  const driver = neo4j.driver(config.neo4j.uri, neo4j.auth.basic(config.neo4j.username, config.neo4j.password), {
    disableLosslessIntegers: true,
  });
  const db = new Database(driver, { database: config.neo4j.database, queryTimeoutMs: config.queryTimeoutMs });
  let server: RunningServer;
  try {
    server = await startServer({
      config, db, logger: pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' }),
      ...(loaderOptions ? { loaderOptions } : {}),
      ...(onRefused ? { onRefused } : {}),
    });
  } catch (error) {
    await driver.close();
    throw error;
  }
  return {
    url: server.url,
    db,
    async graphql<T>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<T>, 'status' | 'headers'>;
      return { status: response.status, headers: response.headers, ...body };
    },
    async stop() {
      await server.stop();
      await driver.close();
    },
  };
}
