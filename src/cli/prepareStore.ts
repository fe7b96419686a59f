import { prepareDatabase } from '../app.js';
import { loadConfigOrReport } from '../config/index.js';
import { connectDatabase } from '../database/index.js';
import { prepareStore } from '../database/embedded/index.js';
import { createLogger } from '../logging/index.js';

/**
 * `npm run store:prepare` (also run by `npm install`, through scripts/prepare-store.mjs): makes the
 * embedded default's prepared store — a whole first start (migrations, demo story) into a new folder,
 * stopped cleanly — so that the API's first start copies it instead of doing that work
 * (src/database/embedded/preparedStore.ts). Quick when it exists already. The clean stop also writes
 * the JVM's class-data-sharing archive if there is none yet, with the same flags as `npm start`.
 *
 * Exit code 0 when the store is ready (made or already there), 1 when it could not be made: the API
 * then works as before, its first start migrating and seeding.
 */
async function main(): Promise<number> {
  const config = loadConfigOrReport();
  if (!config) return 2;
  const settings = config.neo4j;
  if (settings.mode !== 'embedded') {
    process.stdout.write('NEO4J_URI is set: there is no embedded store to prepare.\n');
    return 0;
  }
  const logger = createLogger(config.logLevel);
  const started = performance.now();
  const result = await prepareStore(
    async (dataDir) => {
      const connection = await connectDatabase({ ...config, neo4j: { ...settings, dataDir, boltPort: 0, preparedStore: false } }, logger);
      try {
        await prepareDatabase(connection, logger);
      } finally {
        await connection.close();
      }
    },
    { logger },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(result.made ? `Prepared store ${result.key} made in ${seconds} s: first starts of the embedded default copy it.\n` : `Prepared store ${result.key} is up to date.\n`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`The prepared store could not be made (first starts will migrate and seed instead): ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
