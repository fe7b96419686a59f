import { migrate } from '../database/index.js';
import { seedDemoData } from '../seed/index.js';
import { withDatabase } from './withDatabase.js';

/**
 * `npm run seed`: loads the demo story into the configured Neo4j — the embedded one, or NEO4J_URI
 * when set (running this command is the "asking"). Idempotent; all or nothing.
 */
process.exitCode = await withDatabase(async (connection, logger) => {
  try {
    await migrate(connection.db, logger);
    const report = await seedDemoData(connection.bulk);
    process.stdout.write(`Demo story loaded into ${connection.uri}: ${report.entities} entities, ${report.relationships} relationships.\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`Seeding failed, nothing was written: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
});
