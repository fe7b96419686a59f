import { ConfigError, loadConfig } from '../config/index.js';
import { connectDatabase, DatabaseConnectError, migrate } from '../database/index.js';
import { EmbeddedNeo4jError } from '../database/embedded/index.js';
import { createLogger } from '../logging/index.js';
import { seedDemoData } from '../seed/index.js';

/**
 * `npm run seed`: loads the demo story into the configured Neo4j — the embedded one, or NEO4J_URI
 * when set (running this command is the "asking"). Idempotent.
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
    await migrate(connection.db, logger);
    const report = await seedDemoData(connection.db);
    process.stdout.write(`Demo story loaded into ${connection.uri}: ${report.entities} entities, ${report.relationships} relationships.\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`Seeding failed, nothing was written: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await connection.close();
  }
}

process.exitCode = await main();
