import { ConfigError, loadConfig } from '../config/index.js';
import { connectDatabase, DatabaseConnectError, migrate } from '../database/index.js';
import { EmbeddedNeo4jError } from '../database/embedded/index.js';
import { createLogger } from '../logging/index.js';

/**
 * `npm run migrate`: applies the versioned Cypher migrations to the configured Neo4j (the embedded
 * one, started for the purpose, or NEO4J_URI) and exits. The API also does this at every start.
 */
async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  let connection;
  try {
    connection = await connectDatabase(config, logger);
  } catch (error) {
    if (error instanceof EmbeddedNeo4jError || error instanceof DatabaseConnectError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  try {
    const report = await migrate(connection.db, logger);
    process.stdout.write(`Migrations applied: ${report.applied.join(', ') || 'none'}; already applied: ${report.alreadyApplied.length}\n`);
    return 0;
  } finally {
    await connection.close();
  }
}

process.exitCode = await main();
