import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import neo4j from 'neo4j-driver';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { EmbeddedNeo4jError, startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/database/embedded/index.js';

// A JVM start takes several seconds (more on a cold disk); every test starts at least one.
const TEST_TIMEOUT_MS = 180 * 1000;
const START_TIMEOUT_MS = 120 * 1000;
const HEAP = '512m';
const PAGE_CACHE = '256m';
/** How long a JVM may take to notice its parent is gone and shut down. */
const ORPHAN_EXIT_MS = 30 * 1000;
const POLL_MS = 200;
/** HotSpot's CDS_DYNAMIC_ARCHIVE_MAGIC, the first four bytes (little-endian) of an archive. */
const DYNAMIC_ARCHIVE_MAGIC = 0xf00baba8;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const logger = pino({ level: 'silent' });

async function withTempDir<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-neo4j-test-'));
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function start(dataDir: string, boltPort = 0): Promise<EmbeddedNeo4j> {
  return startEmbeddedNeo4j({
    dataDir,
    boltPort,
    heap: HEAP,
    pageCache: PAGE_CACHE,
    startTimeoutMs: START_TIMEOUT_MS,
    logger,
  });
}

async function query(db: EmbeddedNeo4j, cypher: string): Promise<Record<string, unknown>[]> {
  const driver = neo4j.driver(db.uri, neo4j.auth.basic(db.username, db.password), { disableLosslessIntegers: true });
  try {
    const result = await driver.executeQuery(cypher);
    return result.records.map((record) => record.toObject());
  } finally {
    await driver.close();
  }
}

async function startFailure(run: () => Promise<unknown>): Promise<EmbeddedNeo4jError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof EmbeddedNeo4jError) return error;
    throw error;
  }
  throw new Error('expected the start to fail');
}

/** Alive and not a zombie (an orphan's zombie lingers until some reaper collects it). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return !existsSync('/proc/self'); // no /proc: trust kill(0)
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return !isRunning(pid);
}

/** pids of live launcher JVMs whose command line names this data folder (Linux /proc). */
function launcherPidsFor(dataDir: string): number[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((name) => {
      try {
        const cmdline = readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0');
        return cmdline.includes('org.scamatlas.neo4j.EmbeddedNeo4j') && cmdline.includes(dataDir);
      } catch {
        return false;
      }
    })
    .map(Number)
    .filter(isRunning);
}

/**
 * A separate Node process (one process: `node --import tsx`, not the tsx CLI, which would add a wrapper)
 * that starts the embedded Neo4j, prints the JVM pid, and waits to be killed.
 */
function spawnNodeOwner(dataDir: string): Promise<{ nodePid: number; jvmPid: number; kill: (signal: NodeJS.Signals) => void }> {
  const moduleUrl = new URL('../../src/database/embedded/index.ts', import.meta.url).href;
  const script = `
    import { startEmbeddedNeo4j } from ${JSON.stringify(moduleUrl)};
    import pino from 'pino';
    const db = await startEmbeddedNeo4j({
      dataDir: ${JSON.stringify(dataDir)}, boltPort: 0, heap: ${JSON.stringify(HEAP)},
      pageCache: ${JSON.stringify(PAGE_CACHE)}, startTimeoutMs: ${START_TIMEOUT_MS}, logger: pino({ level: 'silent' }),
    });
    console.log(JSON.stringify({ jvmPid: db.pid }));
    setInterval(() => undefined, 60_000);
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', script], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      const { jvmPid } = JSON.parse(line) as { jvmPid: number };
      resolve({ nodePid: child.pid ?? -1, jvmPid, kill: (signal) => child.kill(signal) });
    });
    child.once('exit', (code) => reject(new Error(`owner process exited (${code}) before ready: ${stderr}`)));
  });
}

describe('embedded Neo4j', () => {
  it(
    'starts on a free port and answers Cypher and APOC over Bolt',
    () =>
      withTempDir(async (dataDir) => {
        const db = await start(dataDir);
        try {
          expect(db.uri).toMatch(/^bolt:\/\/127\.0\.0\.1:\d+$/);
          expect(db.username).toBe('neo4j');
          expect(await query(db, 'RETURN 1 AS one')).toEqual([{ one: 1 }]);
          expect(await query(db, 'RETURN apoc.version() AS version')).toEqual([{ version: expect.stringMatching(/^5\.26\./) }]);
          const help = await query(db, "CALL apoc.help('text') YIELD name RETURN count(name) AS procedures");
          expect(help[0]?.procedures).toBeGreaterThan(0);
        } finally {
          await db.stop();
        }
        expect(isRunning(db.pid)).toBe(false);
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'writes a class-data-sharing archive at a clean stop, and starts without one that is truncated or not an archive',
    () =>
      withTempDir(async (dir) => {
        const archiveDir = path.join(dir, 'cds');
        const startWithArchives = (): Promise<EmbeddedNeo4j> =>
          startEmbeddedNeo4j({
            dataDir: path.join(dir, 'data'),
            boltPort: 0,
            heap: HEAP,
            pageCache: PAGE_CACHE,
            startTimeoutMs: START_TIMEOUT_MS,
            classDataSharing: true,
            classDataSharingDir: archiveDir,
            logger,
          });
        const archives = (): string[] => readdirSync(archiveDir).filter((name) => name.endsWith('.jsa'));
        const isArchive = (file: string): boolean => readFileSync(file).readUInt32LE(0) === DYNAMIC_ARCHIVE_MAGIC;

        // None yet: written when the JVM stops cleanly.
        const first = await startWithArchives();
        await first.stop();
        expect(archives()).toHaveLength(1);
        const archive = path.join(archiveDir, archives()[0] ?? '');
        expect(isArchive(archive)).toBe(true);

        // Truncated (Java 17 dies of SIGBUS mapping it): started again without it, and it is removed.
        const bytes = readFileSync(archive);
        rmSync(archive);
        writeFileSync(archive, bytes.subarray(0, Math.floor(bytes.length / 2)));
        const second = await startWithArchives();
        try {
          expect(await query(second, 'RETURN 1 AS one')).toEqual([{ one: 1 }]);
        } finally {
          await second.stop();
        }
        expect(archives()).toEqual([]);

        // Not an archive at all: ignored, and a real one written at the stop.
        writeFileSync(archive, 'not a class-data-sharing archive');
        const third = await startWithArchives();
        try {
          expect(await query(third, 'RETURN 1 AS one')).toEqual([{ one: 1 }]);
        } finally {
          await third.stop();
        }
        expect(isArchive(archive)).toBe(true);
      }),
    TEST_TIMEOUT_MS * 3,
  );

  it(
    'rejects a wrong password, so auth is really on',
    () =>
      withTempDir(async (dataDir) => {
        const db = await start(dataDir);
        try {
          const driver = neo4j.driver(db.uri, neo4j.auth.basic('neo4j', `${db.password}-wrong`));
          await expect(driver.verifyConnectivity()).rejects.toMatchObject({ code: 'Neo.ClientError.Security.Unauthorized' });
          await driver.close();
        } finally {
          await db.stop();
        }
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'keeps data and password across a restart',
    () =>
      withTempDir(async (dataDir) => {
        const first = await start(dataDir);
        try {
          await query(first, "CREATE (:RestartProbe {marker: 'kept'})");
        } finally {
          await first.stop();
        }
        const second = await start(dataDir);
        try {
          expect(second.password).toBe(first.password);
          expect(await query(second, 'MATCH (p:RestartProbe) RETURN p.marker AS marker')).toEqual([{ marker: 'kept' }]);
        } finally {
          await second.stop();
        }
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses a second start on a data folder in use with DATA_DIR_LOCKED and leaves no JVM behind',
    () =>
      withTempDir(async (dataDir) => {
        const first = await start(dataDir);
        try {
          const error = await startFailure(() => start(dataDir));
          expect(error.code).toBe('DATA_DIR_LOCKED');
          expect(error.message).not.toMatch(/\n\s+at /);
          expect(launcherPidsFor(dataDir)).toEqual([first.pid]);
          expect(await query(first, 'RETURN 1 AS one')).toEqual([{ one: 1 }]);
        } finally {
          await first.stop();
        }
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'reports PORT_IN_USE, naming the port and the setting to change it',
    () =>
      withTempDir(async (dataDir) => {
        const blocker = net.createServer();
        await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
        const { port } = blocker.address() as net.AddressInfo;
        try {
          const error = await startFailure(() => start(dataDir, port));
          expect(error.code).toBe('PORT_IN_USE');
          expect(error.message).toContain(String(port));
          expect(error.message).toContain('NEO4J_EMBEDDED_BOLT_PORT');
          expect(launcherPidsFor(dataDir)).toEqual([]);
        } finally {
          await new Promise((resolve) => blocker.close(resolve));
        }
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'stops the JVM when the Node process that started it is killed with SIGKILL',
    () =>
      withTempDir(async (dataDir) => {
        const owner = await spawnNodeOwner(dataDir);
        expect(isRunning(owner.jvmPid)).toBe(true);
        owner.kill('SIGKILL');
        expect(await waitUntilGone(owner.jvmPid, ORPHAN_EXIT_MS)).toBe(true);
      }),
    TEST_TIMEOUT_MS,
  );

  it(
    'stops the JVM when the Node process that started it gets SIGTERM',
    () =>
      withTempDir(async (dataDir) => {
        const owner = await spawnNodeOwner(dataDir);
        expect(isRunning(owner.jvmPid)).toBe(true);
        owner.kill('SIGTERM');
        expect(await waitUntilGone(owner.jvmPid, ORPHAN_EXIT_MS)).toBe(true);
        // The store was closed cleanly enough to start again at once.
        const db = await start(dataDir);
        await db.stop();
      }),
    TEST_TIMEOUT_MS,
  );
});
