import type { Logger } from 'pino';
import { loadConfigOrReport } from '../config/index.js';
import { connectDatabase, DatabaseConnectError, type DatabaseConnection } from '../database/index.js';
import { EmbeddedNeo4jError } from '../database/embedded/index.js';
import { createLogger } from '../logging/index.js';

/**
 * Runs a command-line task against the configured Neo4j (the embedded one — the running API's when
 * one runs on the same folder, else started for the purpose — or NEO4J_URI) and closes it afterwards. Configuration and connection problems print one clear
 * message; the exit code says how it went (0 ok, 1 failed, 2 bad configuration).
 */
export async function withDatabase(task: (connection: DatabaseConnection, logger: Logger) => Promise<number>): Promise<number> {
  const config = loadConfigOrReport();
  if (!config) return 2;
  const logger = createLogger(config.logLevel);
  let connection: DatabaseConnection;
  try {
    // With an API running on the embedded default's folder, its database (not a second one).
    connection = await connectDatabase(config, logger, { joinRunning: true });
  } catch (error) {
    if (error instanceof EmbeddedNeo4jError || error instanceof DatabaseConnectError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  try {
    return await task(connection, logger);
  } finally {
    await connection.close();
  }
}
