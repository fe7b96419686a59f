/**
 * Builds the embedded Neo4j's store from CSV files with Neo4j's own bulk importer
 * (`neo4j-admin database import full`, class org.neo4j.cli.AdminTool, already on the embedded
 * classpath via neo4j-import-tool). It writes store files directly, without transactions, and is
 * an order of magnitude faster than transactional writes — but only into a database that does not
 * exist yet, with Neo4j stopped. The initial load (src/interchange/initialLoad.ts) prepares the files.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { ensureInstalled, findJava, installPaths } from './embeddedNeo4j.js';

const ADMIN_TOOL_CLASS = 'org.neo4j.cli.AdminTool';
/** The one user database of Neo4j Community, the one the embedded launcher opens. */
const DATABASE_NAME = 'neo4j';
/** Lines of the importer's output quoted in an error. */
const FAILURE_TAIL_LINES = 15;

export type BulkImportErrorCode = 'DATABASE_EXISTS' | 'IMPORT_FAILED';

export class BulkImportError extends Error {
  override name = 'BulkImportError';
  constructor(
    readonly code: BulkImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface BulkImportFiles {
  /** CSV files (header on the first line) of nodes that all carry these labels. */
  nodes: ReadonlyArray<{ labels: readonly string[]; file: string }>;
  /** CSV files of relationships of one type. */
  relationships: ReadonlyArray<{ type: string; file: string }>;
  /** Separator of the elements of array columns. */
  arrayDelimiter: string;
}

export interface BulkImportOptions {
  /** Home of the embedded Neo4j (as startEmbeddedNeo4j's dataDir). */
  dataDir: string;
  /** Heap of the importer's JVM (it works mostly off-heap), e.g. "2g". */
  heap: string;
  /** Where the importer's report of skipped input goes. */
  workDir: string;
  logger: Logger;
}

function storeFolders(dataDir: string): string[] {
  return [path.join(dataDir, 'data', 'databases', DATABASE_NAME), path.join(dataDir, 'data', 'transactions', DATABASE_NAME)];
}

/** True when the embedded Neo4j in this folder already has its database (started once, or imported). */
export function embeddedDatabaseExists(dataDir: string): boolean {
  return storeFolders(path.resolve(dataDir)).some((folder) => existsSync(folder));
}

/** Throws DATABASE_EXISTS when the embedded database in this folder exists: a bulk import only builds a new one. */
export function assertNoEmbeddedDatabase(dataDir: string): void {
  const home = path.resolve(dataDir);
  if (!embeddedDatabaseExists(home)) return;
  throw new BulkImportError(
    'DATABASE_EXISTS',
    `The embedded database in ${home} already exists; an initial load builds a new one. Move or delete ${path.join(home, 'data')} first, or import without --initial-load (transactional, into the existing graph).`,
  );
}

/**
 * Runs the bulk importer into the embedded data folder. Refuses when the database exists; on failure
 * removes what it wrote, so the folder is as before and a plain start creates an empty database.
 * Resolves with the importer's wall-clock seconds.
 */
export async function bulkImportIntoNewDatabase(files: BulkImportFiles, options: BulkImportOptions): Promise<number> {
  const dataDir = path.resolve(options.dataDir);
  assertNoEmbeddedDatabase(dataDir);
  const paths = installPaths();
  const java = await findJava();
  await ensureInstalled(paths, options.logger);
  await mkdir(path.join(dataDir, 'logs'), { recursive: true });
  // An empty configuration: the importer then uses the defaults the embedded launcher uses too
  // (store format, data folder under NEO4J_HOME), so the launcher opens what it writes.
  const confDir = path.join(options.workDir, 'conf');
  await mkdir(confDir, { recursive: true });
  await writeFile(path.join(confDir, 'neo4j.conf'), '');

  const args = [
    `-Xmx${options.heap}`,
    '-cp',
    [paths.launcherJar, path.join(paths.lib, '*')].join(path.delimiter),
    ADMIN_TOOL_CLASS,
    'database', 'import', 'full', DATABASE_NAME,
    ...files.nodes.map(({ labels, file }) => `--nodes=${labels.join(':')}=${file}`),
    ...files.relationships.map(({ type, file }) => `--relationships=${type}=${file}`),
    `--array-delimiter=${files.arrayDelimiter}`,
    // Our files never hold anything to skip: any bad entry is a bug, so fail on the first.
    '--bad-tolerance=0',
    `--report-file=${path.join(options.workDir, 'import.report')}`,
  ];
  const logFile = path.join(dataDir, 'logs', 'bulk-import.log');
  const log = createWriteStream(logFile);
  log.on('error', (error) => options.logger.warn({ err: error, logFile }, 'cannot write the bulk importer\'s log'));
  const tail: string[] = [];
  const started = performance.now();
  options.logger.info({ dataDir, nodeFiles: files.nodes.length, relationshipFiles: files.relationships.length }, 'bulk import starting');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(java.path, args, {
      cwd: options.workDir,
      env: { ...process.env, NEO4J_HOME: dataDir, NEO4J_CONF: confDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      log.write(chunk);
      for (const line of chunk.toString('utf8').split('\n')) {
        if (line.trim() === '') continue;
        tail.push(line);
        if (tail.length > FAILURE_TAIL_LINES) tail.shift();
      }
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => {
      tail.push(error.message);
      resolve(null);
    });
    child.on('close', resolve);
  });
  await new Promise<void>((resolve) => log.end(() => resolve()));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    for (const folder of storeFolders(dataDir)) await rm(folder, { recursive: true, force: true });
    throw new BulkImportError(
      'IMPORT_FAILED',
      `Neo4j's bulk importer failed (exit ${code ?? 'on start'}); nothing was kept. Its output is in ${logFile}; the last lines:\n${tail.join('\n')}`,
    );
  }
  options.logger.info({ seconds }, 'bulk import done');
  return seconds;
}
