import { migrate } from '../database/index.js';
import { withDatabase } from './withDatabase.js';

/**
 * `npm run migrate`: applies the versioned Cypher migrations to the configured Neo4j and exits.
 * The API also does this at every start.
 */
process.exitCode = await withDatabase(async (connection, logger) => {
  const report = await migrate(connection.db, logger);
  process.stdout.write(`Migrations applied: ${report.applied.join(', ') || 'none'}; already applied: ${report.alreadyApplied.length}\n`);
  return 0;
});
