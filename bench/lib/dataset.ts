import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { pino } from 'pino';
import { DEFAULT_EMBEDDED_HEAP, DEFAULT_EMBEDDED_PAGECACHE, projectRoot } from '../../src/config/index.js';
import { Database, migrate } from '../../src/database/index.js';
import { ensureTallies } from '../../src/graph/index.js';
import { embeddedDatabaseExists, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/database/embedded/index.js';

/** The marker `bench:paths` writes in a data folder it loaded (shared convention: .data/bench-<entities>). */
const LOADED_MARKER = '.scam-atlas-bench-loaded';
/** Ours, beside it: what was loaded, so a folder is only reused for the same network. */
const DATASET_MARKER = 'bench-dataset.json';
/**
 * The page cache the bench gives Neo4j, as a share of the store's size. Neo4j's sizing advice is a
 * cache that holds the whole store plus room to grow; with less (the 1M store is 4.5 GB against the
 * default 4g) queries evict each other's pages, and whichever server runs first after a query
 * change pays for the reloads, which reads as that server being slower.
 */
const PAGE_CACHE_PER_STORE_BYTE = 1.2;

export interface BenchDatabase {
  uri: string;
  username: string;
  password: string;
  driver: Driver;
  mode: 'embedded' | 'external';
  /** Entities and relationships in the graph. */
  counts: { entities: number; relationships: number };
  /** The embedded Neo4j's JVM (absent for NEO4J_URI). */
  pid?: number;
  /** The embedded Neo4j's heap and page cache (absent for NEO4J_URI). */
  memory?: { heap: string; pageCache: string };
  stop(): Promise<void>;
}

export interface DatasetMarker {
  entities: number;
  seed: number;
  loadedAt: string;
}

/**
 * A Neo4j holding the generated network of `entities` entities: NEO4J_URI when set (it must hold
 * that network already, or be loaded into with --load-external), otherwise an embedded Neo4j in
 * .data/bench-<entities>, generated and loaded by `bench/load.ts` on first use and reused afterwards.
 */
export async function openBenchDatabase(entities: number, seed: number, log: (line: string) => void): Promise<BenchDatabase> {
  const logger = pino({ level: 'warn' });
  const externalUri = process.env['NEO4J_URI'];
  if (externalUri) {
    const username = process.env['NEO4J_USERNAME'] ?? 'neo4j';
    const password = process.env['NEO4J_PASSWORD'] ?? '';
    const driver = neo4j.driver(externalUri, neo4j.auth.basic(username, password), { disableLosslessIntegers: true });
    const counts = await countGraph(driver);
    if (counts.entities === 0) {
      await driver.close();
      throw new Error(`NEO4J_URI (${externalUri}) holds no entities. Load the network first: npm run generate -- --entities ${entities} --seed ${seed} > net.jsonl && npm run import -- net.jsonl`);
    }
    log(`Using NEO4J_URI ${externalUri}: ${counts.entities} entities, ${counts.relationships} relationships (assumed to be the ${entities}-entity network).`);
    return { uri: externalUri, username, password, driver, mode: 'external', counts, stop: () => driver.close() };
  }

  const dataDir = path.join(projectRoot, '.data', `bench-${entities}`);
  const markerFile = path.join(dataDir, DATASET_MARKER);
  const marker = readMarker(markerFile);
  if (marker && marker.seed !== seed) {
    throw new Error(`${dataDir} holds the network of seed ${marker.seed}, not ${seed}. Delete the folder to reload, or pass --seed ${marker.seed}.`);
  }
  if (!marker && !existsSync(path.join(dataDir, LOADED_MARKER))) {
    // A new store is built by the initial load (bulk importer); one an earlier load left unfinished
    // is completed by the transactional import (idempotent).
    const unfinished = embeddedDatabaseExists(dataDir);
    log(`No ${entities}-entity network in ${dataDir} yet: generating and loading it (bench/load.ts, seed ${seed}, ${unfinished ? 'completing an unfinished load transactionally' : 'initial load'})...`);
    const started = performance.now();
    execFileSync(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'bench', 'load.ts'), '--entities', String(entities), '--seed', String(seed), '--data-dir', dataDir, ...(unfinished ? ['--transactional'] : [])], {
      stdio: 'inherit',
      cwd: projectRoot,
    });
    writeFileSync(path.join(dataDir, LOADED_MARKER), new Date().toISOString());
    log(`Loaded in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
  }
  if (!marker) writeFileSync(markerFile, `${JSON.stringify({ entities, seed, loadedAt: new Date().toISOString() } satisfies DatasetMarker, null, 2)}\n`);

  const memory = {
    heap: process.env['NEO4J_EMBEDDED_HEAP'] ?? DEFAULT_EMBEDDED_HEAP,
    pageCache: process.env['NEO4J_EMBEDDED_PAGECACHE'] ?? pageCacheFor(dataDir),
  };
  const embedded: EmbeddedNeo4j = await startEmbeddedNeo4j({ dataDir, boltPort: 0, ...memory, startTimeoutMs: 180_000, logger });
  const driver = neo4j.driver(embedded.uri, neo4j.auth.basic(embedded.username, embedded.password), { disableLosslessIntegers: true });
  const db = new Database(driver, { database: undefined, queryTimeoutMs: 600_000 });
  await migrate(db, logger);
  // The dashboards' tallies, as every start of the API builds them (the floor reads them too).
  if (await ensureTallies(db)) log('Dashboard tallies built.');
  const counts = await countGraph(driver);
  log(`Embedded Neo4j on ${embedded.uri} (pid ${embedded.pid}, heap ${memory.heap}, page cache ${memory.pageCache}), ${dataDir}: ${counts.entities} entities, ${counts.relationships} relationships.`);
  return {
    uri: embedded.uri,
    username: embedded.username,
    password: embedded.password,
    driver,
    mode: 'embedded',
    counts,
    pid: embedded.pid,
    memory,
    async stop() {
      await driver.close();
      await embedded.stop();
    },
  };
}

/** The default page cache, or more when the store would not fit in it (whole GiB, store × PAGE_CACHE_PER_STORE_BYTE). */
function pageCacheFor(dataDir: string): string {
  const store = path.join(dataDir, 'data', 'databases', 'neo4j');
  const storeBytes = existsSync(store) ? directoryBytes(store) : 0;
  const defaultGiB = Number(/^(\d+)g$/i.exec(DEFAULT_EMBEDDED_PAGECACHE)?.[1] ?? 0);
  const neededGiB = Math.ceil((storeBytes * PAGE_CACHE_PER_STORE_BYTE) / 2 ** 30);
  return neededGiB > defaultGiB ? `${neededGiB}g` : DEFAULT_EMBEDDED_PAGECACHE;
}

function directoryBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? directoryBytes(full) : statSync(full).size;
  }
  return total;
}

function readMarker(file: string): DatasetMarker | undefined {
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as DatasetMarker;
}

async function countGraph(driver: Driver): Promise<{ entities: number; relationships: number }> {
  const { records } = await driver.executeQuery(
    'MATCH (n:Entity) WITH count(n) AS entities MATCH ()-[r]->() RETURN entities, count(r) AS relationships',
  );
  return { entities: Number(records[0]?.get('entities') ?? 0), relationships: Number(records[0]?.get('relationships') ?? 0) };
}
