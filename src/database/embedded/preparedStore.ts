/**
 * The prepared store: the embedded database exactly as a first start leaves it (migrations applied,
 * the demo story loaded), made once at install (`npm run store:prepare`, run by postinstall) and
 * copied into a new data folder by the API's first start. A first start then skips the system
 * database's creation, the migrations and the seed: most of what it did after the JVM's own start
 * (figures in docs/benchmarks.md, "Cold start to ready").
 *
 * - It is made by the same code a first start runs (startApp's prepareDatabase), and named after a
 *   hash of everything that decides what that code writes: the Neo4j build, the migrations, the demo
 *   story and the sources of the write path. A checkout whose sources differ has no prepared store
 *   under its name, and its first start migrates and seeds as before.
 * - Only `data/` is copied: the Neo4j password and the token secret are made for each data folder
 *   (the launcher sets the folder's own password at every start).
 * - Copied into a temporary folder and renamed into place, so an interrupted copy never looks like a
 *   store; made in a temporary folder and renamed the same way.
 * - Anything going wrong here only means a first start that migrates and seeds.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { exists, isAlive } from '../../util/processFiles.js';
import { projectRoot } from '../../config/index.js';

/** Bump when the layout of a prepared store changes. */
const PREPARED_STORE_FORMAT = '1';
/** Where prepared stores are kept (git-ignored, beside the launcher's build). */
export const PREPARED_STORE_DIR = path.join(projectRoot, 'neo4j', 'target', 'prepared-store');
/** The store folder inside a data folder (Neo4j's `server.directories.data` under its home). */
const STORE_FOLDER = 'data';

/**
 * What decides the contents of a first start's store, relative to the project root: the Neo4j build
 * (its marker holds the hash of the pom and the launcher's sources), the migrations, the demo story,
 * and the code that applies and writes them.
 */
const KEY_INPUTS = [
  'neo4j/lib/.installed',
  'neo4j/migrations',
  'data/demo/story.jsonl',
  'src/app.ts',
  'src/database/migrations.ts',
  'src/database/database.ts',
  'src/graph',
  'src/seed',
  'src/validation',
  'src/model',
];

export interface PreparedStoreOptions {
  /** Folder of prepared stores (default PREPARED_STORE_DIR). */
  dir?: string;
  /** The name of the store that fits this checkout (default preparedStoreKey()). */
  key?: string;
  logger: Logger;
}

/** The hash naming the prepared store that fits these sources. */
export async function preparedStoreKey(root = projectRoot): Promise<string> {
  const hash = createHash('sha256').update(`prepared store ${PREPARED_STORE_FORMAT}\n`);
  for (const input of KEY_INPUTS) {
    for (const file of await filesUnder(path.join(root, input))) {
      hash.update(`${path.relative(root, file).split(path.sep).join('/')}\n`).update(await readFile(file)).update('\n');
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/**
 * Before a first start: copies the prepared store into `dataDir` when the folder holds no store yet
 * and a store fits these sources. True when it did (the store then has migrations and demo story).
 */
export async function copyPreparedStore(dataDir: string, options: PreparedStoreOptions): Promise<boolean> {
  const { logger } = options;
  const target = path.join(dataDir, STORE_FOLDER);
  const temporary = `${target}.copying-${process.pid}`;
  try {
    if (await exists(target)) return false;
    const key = options.key ?? (await preparedStoreKey());
    const source = path.join(options.dir ?? PREPARED_STORE_DIR, key, STORE_FOLDER);
    if (!(await exists(source))) {
      logger.info({ key }, 'no prepared store for these sources (`npm run store:prepare` makes one); the first start migrates and seeds');
      return false;
    }
    const started = performance.now();
    await rm(temporary, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    await cp(source, temporary, { recursive: true });
    await rename(temporary, target);
    logger.info({ key, ms: Math.round(performance.now() - started) }, 'first start from the prepared store: migrations applied and demo story loaded at install');
    return true;
  } catch (error) {
    logger.warn({ err: error }, 'could not copy the prepared store; the first start migrates and seeds');
    await rm(temporary, { recursive: true, force: true }).catch(() => undefined);
    return false;
  }
}

export interface PrepareResult {
  key: string;
  /** False when a store for this key already existed. */
  made: boolean;
}

/**
 * Makes the prepared store for these sources unless it exists: `build(dataDir)` must run a whole
 * first start into the (new, empty) data folder and stop the database cleanly. Stores made for other
 * sources are removed.
 */
export async function prepareStore(build: (dataDir: string) => Promise<void>, options: PreparedStoreOptions): Promise<PrepareResult> {
  const dir = options.dir ?? PREPARED_STORE_DIR;
  const key = options.key ?? (await preparedStoreKey());
  const final = path.join(dir, key);
  if (await exists(path.join(final, STORE_FOLDER))) return { key, made: false };
  const workDir = path.join(dir, `${key}.making-${process.pid}`);
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  try {
    await build(workDir);
    const store = path.join(final, STORE_FOLDER);
    await rm(final, { recursive: true, force: true });
    await mkdir(final, { recursive: true });
    await rename(path.join(workDir, STORE_FOLDER), store);
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  for (const name of await readdir(dir)) {
    const maker = /\.making-(\d+)$/.exec(name);
    // Another key's store, or the leftovers of a run that was killed.
    if (maker ? !isAlive(Number(maker[1])) : name !== key) await rm(path.join(dir, name), { recursive: true, force: true });
  }
  return { key, made: true };
}

async function filesUnder(entry: string): Promise<string[]> {
  const info = await stat(entry).catch(() => undefined);
  if (!info) return [];
  if (!info.isDirectory()) return [entry];
  const names = (await readdir(entry)).sort();
  return (await Promise.all(names.map((name) => filesUnder(path.join(entry, name))))).flat();
}


