import neo4j from 'neo4j-driver';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { withTimeout } from '../util/withTimeout.js';
import { Database } from './database.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from './embedded/index.js';

/** A connected database and, on the embedded default, the Neo4j process the app started. */
export interface DatabaseConnection {
  db: Database;
  mode: 'embedded' | 'external';
  /** Bolt URI in use (no credentials). */
  uri: string;
  embedded: EmbeddedNeo4j | undefined;
  /** Closes the driver, then stops the embedded Neo4j if there is one. */
  close(): Promise<void>;
}

/** Bounded so a wrong NEO4J_URI fails the start with a message instead of hanging it. */
const CONNECT_TIMEOUT_MS = 30 * 1000;

export class DatabaseConnectError extends Error {
  override name = 'DatabaseConnectError';
}

export async function connectDatabase(config: Config, logger: Logger): Promise<DatabaseConnection> {
  const settings = config.neo4j;
  let embedded: EmbeddedNeo4j | undefined;
  let uri: string;
  let auth: { username: string; password: string };

  if (settings.mode === 'embedded') {
    embedded = await startEmbeddedNeo4j({
      dataDir: settings.dataDir,
      boltPort: settings.boltPort,
      heap: settings.heap,
      pageCache: settings.pageCache,
      startTimeoutMs: settings.startTimeoutMs,
      logger: logger.child({ component: 'embedded-neo4j' }),
    });
    uri = embedded.uri;
    auth = { username: embedded.username, password: embedded.password };
  } else {
    uri = settings.uri;
    auth = { username: settings.username, password: settings.password };
  }

  const driver = neo4j.driver(uri, neo4j.auth.basic(auth.username, auth.password), {
    disableLosslessIntegers: true,
    connectionAcquisitionTimeout: CONNECT_TIMEOUT_MS,
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
        : `The embedded Neo4j started but does not answer at ${uri}: ${reason}`,
    );
  }

  const db = new Database(driver, { database: settings.database, queryTimeoutMs: config.queryTimeoutMs });
  let closed = false;
  return {
    db,
    mode: settings.mode,
    uri,
    embedded,
    async close() {
      if (closed) return;
      closed = true;
      await driver.close().catch((error: unknown) => logger.warn({ err: error }, 'closing the Neo4j driver failed'));
      if (embedded) await embedded.stop();
    },
  };
}
