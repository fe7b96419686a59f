import { migrate } from '../database/index.js';
import { rebuildTallies } from '../graph/index.js';
import { withDatabase } from './withDatabase.js';

/**
 * `npm run tallies:rebuild`: builds every dashboard tally again from the graph. Writes through the API
 * and the importer keep them exact; this is for a graph changed by bare Cypher behind their back.
 */
process.exitCode = await withDatabase(async (connection, logger) => {
  await migrate(connection.db, logger);
  const started = performance.now();
  await rebuildTallies(connection.bulk, { force: true });
  process.stdout.write(`Dashboard tallies rebuilt in ${((performance.now() - started) / 1000).toFixed(1)} s.\n`);
  return 0;
});
