import type { Logger } from 'pino';
import type { Config } from './config/index.js';
import { connectDatabase, migrate, type DatabaseConnection } from './database/index.js';
import { copyPreparedStore } from './database/embedded/index.js';
import { isGraphEmpty, seedDemoData } from './seed/index.js';
import { ensureResolutionKeys, ensureTallies } from './graph/index.js';
import { startServer } from './server/index.js';

/** The running API: HTTP server, database connection and (on the embedded default) Neo4j itself. */
export interface App {
  url: string;
  connection: DatabaseConnection;
  /** Graceful: drains in-flight requests, closes the driver, stops the embedded Neo4j. Idempotent. */
  stop(): Promise<void>;
}

export class StartupError extends Error {
  override name = 'StartupError';
}

/** Connects (starting Neo4j when embedded), applies migrations, then serves. */
export async function startApp(config: Config, logger: Logger): Promise<App> {
  const started = performance.now();
  // A first start on the embedded default begins from the store prepared at install, if it fits.
  if (config.neo4j.mode === 'embedded' && config.neo4j.preparedStore) await copyPreparedStore(config.neo4j.dataDir, { dir: config.neo4j.preparedStoreDir, logger });
  const connection = await connectDatabase(config, logger);
  logger.info({ mode: connection.mode, uri: connection.uri }, 'connected to Neo4j');

  let server;
  try {
    await prepareDatabase(connection, logger);
    server = await startServer({ config, db: connection.db, logger });
  } catch (error) {
    await connection.close();
    if (isAddressInUse(error)) {
      throw new StartupError(`Port ${config.http.port} on ${config.http.host} is already in use. Stop the other process or choose another port with PORT=...`);
    }
    throw error;
  }

  logger.info({ url: `${server.url}/graphql`, readyAfterMs: Math.round(performance.now() - started) }, 'Scam Atlas API ready');

  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    connection,
    stop() {
      stopping ??= (async () => {
        await server.stop();
        await connection.close();
      })();
      return stopping;
    },
  };
}

/**
 * What every start does to the database before serving: migrations, then (embedded default, empty
 * graph) the demo story. Also how the prepared store is made (src/cli/prepareStore.ts), so a first
 * start from it and one that seeds hold the same graph.
 */
export async function prepareDatabase(connection: DatabaseConnection, logger: Logger): Promise<void> {
  let stepStarted = performance.now();
  const report = await migrate(connection.db, logger);
  logger.info({ applied: report.applied.length, alreadyApplied: report.alreadyApplied.length, ms: Math.round(performance.now() - stepStarted) }, 'migrations done');
  // The demo story loads by itself only into the embedded default, and only when it is empty:
  // never into someone's own database unless they run `npm run seed`.
  if (connection.mode === 'embedded' && (await isGraphEmpty(connection.db))) {
    stepStarted = performance.now();
    const seeded = await seedDemoData(connection.bulk);
    logger.info({ ...seeded, ms: Math.round(performance.now() - stepStarted) }, 'demo story loaded into the empty embedded database');
  }
  // Dashboards read tallies that writes keep current; a store loaded in bulk (or by an older
  // version) has none yet: they are built here, once, not by the first dashboard request.
  stepStarted = performance.now();
  if (await ensureTallies(connection.bulk)) logger.info({ ms: Math.round(performance.now() - stepStarted) }, 'dashboard tallies built');
  // Entity resolution's blocking keys, likewise (src/graph/resolution.ts): built once for a store without them.
  stepStarted = performance.now();
  if (await ensureResolutionKeys(connection.bulk)) logger.info({ ms: Math.round(performance.now() - stepStarted) }, 'resolution keys built');
}

function isAddressInUse(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EADDRINUSE';
}
