import neo4j from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { withTimeout } from '../util/withTimeout.js';
import { Database } from './database.js';
import { findRunningEmbeddedNeo4j, startEmbeddedNeo4j, type EmbeddedNeo4j, type EmbeddedNeo4jOptions } from './embedded/index.js';
import { DatabaseHealth } from './health.js';
import { DatabaseSupervisor } from './supervisor.js';

/** A connected database and, on the embedded default, the Neo4j process the app started. */
export interface DatabaseConnection {
  /** For API requests: each transaction bounded by NEO4J_QUERY_TIMEOUT_MS. */
  db: Database;
  /** The same database for seeding and imports: each transaction bounded by NEO4J_BULK_TIMEOUT_MS. */
  bulk: Database;
  /** Up, down or being brought back: kept by the supervisor, shown by `/ready`. */
  health: DatabaseHealth;
  mode: 'embedded' | 'external';
  /** Bolt URI in use (no credentials). */
  uri: string;
  /** The embedded Neo4j running now (the supervisor replaces it when it restarts it). */
  readonly embedded: EmbeddedNeo4j | undefined;
  /** Stops the supervisor, closes the driver, then stops the embedded Neo4j if there is one. */
  close(): Promise<void>;
}

/** Bounded so a wrong NEO4J_URI fails the start with a message instead of hanging it. */
const CONNECT_TIMEOUT_MS = 30 * 1000;
/**
 * Once running, a connection that cannot be opened fails in this long (then the statement is
 * retried or the client told the database is unavailable), not after the driver's default 30 s.
 */
export const DRIVER_CONNECTION_TIMEOUT_MS = 5 * 1000;
/** A statement waits at most this long for a free pooled connection. */
export const DRIVER_ACQUISITION_TIMEOUT_MS = 10 * 1000;

export class DatabaseConnectError extends Error {
  override name = 'DatabaseConnectError';
}

/**
 * `joinRunning`: on the embedded default, use the embedded Neo4j another process (a running API)
 * already runs on the data folder, instead of failing on the folder's lock — how the commands
 * (import, export, seed...) work while the API is up. The joined database is not ours to restart.
 */
export async function connectDatabase(config: Config, logger: Logger, { joinRunning = false }: { joinRunning?: boolean } = {}): Promise<DatabaseConnection> {
  const settings = config.neo4j;
  let embedded: EmbeddedNeo4j | undefined;
  let uri: string;
  let auth: { username: string; password: string };

  const running = settings.mode === 'embedded' && joinRunning ? await findRunningEmbeddedNeo4j(settings.dataDir) : undefined;
  let embeddedOptions: EmbeddedNeo4jOptions | undefined;
  if (running) {
    uri = running.uri;
    auth = { username: running.username, password: running.password };
    logger.info({ uri, jvmPid: running.jvmPid }, 'using the embedded Neo4j already running on the data folder');
  } else if (settings.mode === 'embedded') {
    embeddedOptions = {
      dataDir: settings.dataDir,
      boltPort: settings.boltPort,
      heap: settings.heap,
      pageCache: settings.pageCache,
      startTimeoutMs: settings.startTimeoutMs,
      classDataSharing: settings.classDataSharing,
      logger: logger.child({ component: 'embedded-neo4j' }),
    };
    embedded = await startEmbeddedNeo4j(embeddedOptions);
    uri = embedded.uri;
    auth = { username: embedded.username, password: embedded.password };
  } else {
    uri = settings.uri;
    auth = { username: settings.username, password: settings.password };
  }

  const driver = neo4j.driver(uri, neo4j.auth.basic(auth.username, auth.password), {
    disableLosslessIntegers: true,
    connectionTimeout: DRIVER_CONNECTION_TIMEOUT_MS,
    connectionAcquisitionTimeout: DRIVER_ACQUISITION_TIMEOUT_MS,
    // Retries are Database's (bounded by the statement's limit, none while the database is known
    // to be down); the driver's own managed transactions would wait up to 30 s on a dead database.
    maxTransactionRetryTime: 0,
    userAgent: 'scam-atlas',
    logging: {
      level: 'warn',
      logger: (level, message) => logger[level === 'error' ? 'error' : 'warn']({ component: 'neo4j-driver' }, message),
    },
  });

  try {
    await withTimeout(driver.getServerInfo({ database: settings.database }), CONNECT_TIMEOUT_MS, `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`);
  } catch (error) {
    await driver.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseConnectError(
      settings.mode === 'external'
        ? `Cannot reach Neo4j at ${uri} as "${auth.username}": ${reason}. Check NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD and NEO4J_DATABASE.`
        : running
          ? `The embedded Neo4j running on ${settings.dataDir} (JVM pid ${running.jvmPid}) does not answer at ${uri}: ${reason}. Try again once the API is ready.`
          : `The embedded Neo4j started but does not answer at ${uri}: ${reason}`,
    );
  }

  const health = new DatabaseHealth();
  const db = new Database(driver, { database: settings.database, queryTimeoutMs: config.queryTimeoutMs, health });
  const started = embedded;
  const options = embeddedOptions;
  const supervisor = new DatabaseSupervisor({
    health,
    logger: logger.child({ component: 'database-supervisor' }),
    probe: async () => {
      await driver.getServerInfo({ database: settings.database });
    },
    // Again on the same folder and on the port it had (the driver keeps its URI).
    embedded: started && options ? { instance: started, restart: () => startEmbeddedNeo4j({ ...options, boltPort: started.boltPort }) } : undefined,
  });
  let closed = false;
  return {
    db,
    bulk: db.withTransactionTimeout(config.bulkTimeoutMs, 'NEO4J_BULK_TIMEOUT_MS'),
    health,
    mode: settings.mode,
    uri,
    get embedded() {
      return supervisor.embedded;
    },
    async close() {
      if (closed) return;
      closed = true;
      await supervisor.stop();
      await driver.close().catch((error: unknown) => logger.warn({ err: error }, 'closing the Neo4j driver failed'));
      await supervisor.embedded?.stop();
    },
  };
}
