import { startApp, StartupError, type App } from './app.js';
import { exposureProblem } from './auth/index.js';
import { loadConfigOrReport } from './config/index.js';
import { DatabaseConnectError, DatabaseTimeoutError } from './database/index.js';
import { EmbeddedNeo4jError } from './database/embedded/index.js';
import { createLogger } from './logging/index.js';

/** Time beyond the request drain for closing the driver and checkpointing the embedded store. */
const SHUTDOWN_MARGIN_MS = 40 * 1000;

/**
 * `npm start`: validate the configuration, start (or reach) Neo4j, migrate, serve; on SIGINT or
 * SIGTERM drain requests, close the driver and stop the embedded Neo4j before exiting.
 */
async function main(): Promise<void> {
  const config = loadConfigOrReport();
  if (!config) process.exit(2);
  // Secure by default, said before Neo4j starts: a network HOST needs authentication configured.
  const exposure = exposureProblem(config);
  if (exposure !== undefined) {
    process.stderr.write(`Scam Atlas will not start: ${exposure}\n`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);

  let app: App;
  try {
    app = await startApp(config, logger);
  } catch (error) {
    if (error instanceof EmbeddedNeo4jError || error instanceof DatabaseConnectError || error instanceof StartupError || error instanceof DatabaseTimeoutError) {
      logger.fatal({ code: 'code' in error ? error.code : undefined }, error.message);
      process.stderr.write(`\nScam Atlas could not start: ${error.message}\n`);
    } else {
      logger.fatal({ err: error }, 'startup failed');
    }
    process.exit(1);
  }

  let shuttingDown = false;
  const shutdown = (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    // A shutdown that hangs (a stuck request, a wedged driver) must still end the process; the
    // embedded Neo4j then stops through its exit hook and stdin watchdog.
    setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + SHUTDOWN_MARGIN_MS).unref();
    app
      .stop()
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // graphql-js 16 leaves the promises of a list's earlier items behind when a later item fails
  // synchronously through non-null fields; one rejecting after its request was answered must not end
  // the process (Node's default for an unhandled rejection). Logged, so a real leak still shows.
  process.on('unhandledRejection', (reason) => {
    logger.warn({ err: reason }, 'a promise rejected with no handler (left behind by an abandoned field); ignored');
  });
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    // The embedded Neo4j is also stopped by its exit hook and stdin watchdog if this hangs.
    app.stop().finally(() => process.exit(1));
  });
}

await main();
