import { loadConfigOrReport } from '../config/index.js';
import { connectDatabase, DatabaseConnectError } from '../database/index.js';
import { BulkImportError, EmbeddedNeo4jError } from '../database/embedded/index.js';
import { initialLoad, type InitialLoadStage, type InitialLoadSummary, type NumberedLine } from '../interchange/index.js';
import type { ImportOptions } from '../interchange/index.js';
import { createLogger } from '../logging/index.js';
import { formatDuration, type Progress } from './progress.js';

const STAGE_TEXT: Record<InitialLoadStage, string> = {
  reading: 'Reading and checking every line, writing the bulk importer\'s files',
  'bulk-import': 'Building the store with Neo4j\'s bulk importer',
  starting: 'Starting the embedded Neo4j on the new store',
  migrations: 'Building constraints and indexes (migrations)',
  transactional: 'Importing what the bulk importer cannot take, transactionally',
};

/**
 * `--initial-load` of `npm run import` and `npm run generate -- --load`: builds the embedded database
 * from scratch with Neo4j's bulk importer (see src/interchange/initialLoad.ts). Only the embedded
 * database, only while it does not exist yet; prints the stages and a summary. Returns the exit code.
 */
export async function runInitialLoadCommand(
  lines: AsyncIterable<NumberedLine> | Iterable<NumberedLine>,
  options: Pick<ImportOptions, 'format' | 'ftm' | 'onReject' | 'batchSize'> & { progress: Progress; onProgress?: (linesRead: number) => void },
): Promise<{ code: number; summary?: InitialLoadSummary }> {
  const config = loadConfigOrReport();
  if (!config) return { code: 2 };
  if (config.neo4j.mode !== 'embedded') {
    process.stderr.write('--initial-load builds the embedded database\'s store, and NEO4J_URI points at another Neo4j. Unset NEO4J_URI, or import without --initial-load (transactional; for a first load into your own server, Neo4j\'s `neo4j-admin database import` is its bulk path).\n');
    return { code: 2 };
  }
  const neo4jSettings = config.neo4j;
  const logger = createLogger(config.logLevel);
  const started = performance.now();
  let reached: InitialLoadStage | undefined;
  try {
    const summary = await initialLoad(lines, {
      ...options,
      dataDir: neo4jSettings.dataDir,
      importerHeap: neo4jSettings.heap,
      logger,
      onProgress: options.onProgress,
      onStage: (stage, detail) => {
        reached = stage;
        options.progress.finish();
        process.stderr.write(`[${formatDuration((performance.now() - started) / 1000)}] ${STAGE_TEXT[stage]}${detail ? ` (${detail})` : ''}...\n`);
      },
      openDatabase: async () => {
        // The load's own statements (constraints over the whole graph) run with the migrations' long timeouts.
        const connection = await connectDatabase(config, logger);
        return { db: connection.bulk, close: () => connection.close() };
      },
    });
    return { code: summary.rejected > 0 ? 1 : 0, summary };
  } catch (error) {
    options.progress.finish();
    {
      // Every failure is reported in one message (BulkImportError, EmbeddedNeo4jError and
      // DatabaseConnectError say what to do; a database error names its cause).
      const built = reached !== undefined && reached !== 'reading' && reached !== 'bulk-import';
      process.stderr.write(`Initial load stopped: ${error instanceof Error ? error.message : String(error)}\n${built ? 'The store was built; importing the same input again without --initial-load completes it safely (everything is upserted by id).\n' : ''}`);
      if (!(error instanceof BulkImportError || error instanceof EmbeddedNeo4jError || error instanceof DatabaseConnectError)) logger.debug({ err: error }, 'initial load failed');
      return { code: 1 };
    }
  }
}
