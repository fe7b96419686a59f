/**
 * A dynamic class-data-sharing (AppCDS) archive for the embedded Neo4j JVM. Loading, verifying and
 * linking Neo4j's ~20,000 classes is most of the JVM's start; with the archive they are mapped from
 * one file instead (measured in docs/benchmarks.md, "Cold start to ready").
 *
 * - No archive yet: the JVM runs with `-XX:ArchiveClassesAtExit` into a temporary file, so the classes
 *   of a whole session (start, migrations, the demo seed, queries) are written when it stops. Only a
 *   clean exit keeps it (renamed into place, so a reader never maps a half-written file: Java 17
 *   crashes on a truncated archive rather than falling back). One writer at a time (a lock file).
 * - An archive: `-XX:SharedArchiveFile`. Its name is a hash of the Java binary and version, the
 *   classpath jars (name, size, modification time) and the flags that decide its layout, so another
 *   JVM or a rebuild never picks up an archive that was not made for it; archives for older jars are
 *   removed when a new one is written.
 * - Java still refuses an archive that does not fit (with a `[cds]` warning; JVM warnings go to stderr,
 *   never into the launcher's stdout protocol) and starts without it; the warning makes us delete the
 *   archive so the next stop writes a new one. A JVM that dies before it is ready while using an
 *   archive is started again without one (see startEmbeddedNeo4j).
 * - Anything going wrong here (read-only install folder...) only means a start without the archive.
 */
import { createHash } from 'node:crypto';
import { mkdir, open, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { exists, isAlive } from '../../util/processFiles.js';

/** A writer's lock older than this is stale whatever its pid says (pids are reused). */
const LOCK_STALE_MS = 60 * 60 * 1000;
/** A lock file this young with no pid in it yet is being taken, not abandoned. */
const LOCK_FRESH_MS = 5 * 1000;
const ARCHIVE_PREFIX = 'neo4j-';
const ARCHIVE_SUFFIX = '.jsa';
/** A `[cds]` or `[cds,dynamic]` warning or error from the JVM's unified logging. */
const CDS_PROBLEM = /^\[[^\]]*\]\[(?:warning|error)\s*\]\[cds\b/;
/** First four bytes (little-endian) of a dynamic CDS archive (HotSpot's CDS_DYNAMIC_ARCHIVE_MAGIC). */
const DYNAMIC_ARCHIVE_MAGIC = 0xf00baba8;
/** The JVM's exit codes after a clean shutdown: stdin EOF (0) or SIGTERM (128 + 15). */
const CLEAN_EXIT_CODES = [0, 143];

export type ArchiveMode = 'use' | 'write' | 'off';

export interface ArchivePlan {
  mode: ArchiveMode;
  /** The archive this start maps or will write; undefined when off. */
  archive: string | undefined;
  /** JVM flags for this start. */
  flags: string[];
  /** The JVM's pid, once spawned: it holds the writer's lock (it may outlive this process). */
  setJvmPid(pid: number): Promise<void>;
  /** A line the JVM wrote on stderr: a CDS complaint about the archive in use removes it. */
  onJvmOutput(line: string): void;
  /** Removes the archive in use (it failed to load, or the JVM died with it). */
  discard(reason: string): Promise<void>;
  /** After the JVM exited: keeps a complete archive (clean exit) or drops the temporary file. */
  finish(exit: { code: number | null; signal: NodeJS.Signals | null }): Promise<void>;
}

export interface ArchiveOptions {
  /** Folder for archives (inside the install: neo4j/target/cds). */
  dir: string;
  javaPath: string;
  /** `java -version` output: another build of the same path gets another archive. */
  javaVersion: string;
  /** Classpath entries; a `dir/*` entry stands for the jars in dir, as for java. */
  classpath: string[];
  /** Flags that change the archive's layout (compressed oops follow the heap size). */
  layoutFlags: string[];
  logger: Logger;
}

export const OFF: ArchivePlan = {
  mode: 'off',
  archive: undefined,
  flags: [],
  setJvmPid: async () => undefined,
  onJvmOutput: () => undefined,
  discard: async () => undefined,
  finish: async () => undefined,
};

/** True if a JVM log line is a class-data-sharing warning or error. */
export function isCdsProblem(line: string): boolean {
  return CDS_PROBLEM.test(line);
}

/** Picks use / write / off for this start. Never throws: a problem means off. */
export async function planArchive(options: ArchiveOptions): Promise<ArchivePlan> {
  const { dir, logger } = options;
  try {
    const { classpathHash, jvmHash } = await fingerprint(options);
    const archive = path.join(dir, `${ARCHIVE_PREFIX}${classpathHash}-${jvmHash}${ARCHIVE_SUFFIX}`);
    const lock = `${archive}.lock`;
    await mkdir(dir, { recursive: true });
    // While another JVM writes this archive, neither map it (it may be replaced) nor write another.
    if (await lockHeld(lock)) return OFF;
    if (await exists(archive)) {
      if (await isDynamicArchive(archive)) return usePlan(archive, logger);
      // Java ignores a file that is not an archive at all without a word: replace it.
      logger.info({ archive }, 'not a class-data-sharing archive; removed, the next stop writes a new one');
      await rm(archive, { force: true });
    }
    if (!(await takeLock(lock))) return OFF;
    return writePlan(archive, lock, classpathHash, options);
  } catch (error) {
    logger.debug({ err: error, dir }, 'class-data-sharing archive not available; starting without it');
    return OFF;
  }
}

function usePlan(archive: string, logger: Logger): ArchivePlan {
  let discarded = false;
  const plan: ArchivePlan = {
    mode: 'use',
    archive,
    flags: [`-XX:SharedArchiveFile=${archive}`],
    setJvmPid: async () => undefined,
    onJvmOutput(line) {
      if (isCdsProblem(line)) void plan.discard(line);
    },
    async discard(reason) {
      if (discarded) return;
      discarded = true;
      logger.info({ archive, reason }, 'class-data-sharing archive cannot be used; removed, the next stop writes a new one');
      await rm(archive, { force: true }).catch(() => undefined);
    },
    finish: async () => undefined,
  };
  return plan;
}

function writePlan(archive: string, lock: string, classpathHash: string, options: ArchiveOptions): ArchivePlan {
  const { dir, logger } = options;
  const temporary = `${archive}.${process.pid}.tmp`;
  let finished = false;
  return {
    mode: 'write',
    archive,
    flags: [`-XX:ArchiveClassesAtExit=${temporary}`],
    async setJvmPid(pid) {
      await writeFile(lock, String(pid)).catch(() => undefined);
    },
    onJvmOutput: () => undefined,
    discard: async () => undefined,
    async finish({ code, signal }) {
      if (finished) return;
      finished = true;
      try {
        const size = await stat(temporary).then((s) => s.size, () => 0);
        if (signal === null && code !== null && CLEAN_EXIT_CODES.includes(code) && size > 0) {
          await rename(temporary, archive);
          logger.info({ archive, mb: Math.round(size / 2 ** 20) }, 'class-data-sharing archive written: later starts of the embedded Neo4j are faster');
          await removeOtherArchives(dir, classpathHash, archive);
        } else {
          logger.debug({ code, signal }, 'no class-data-sharing archive kept (the JVM did not stop cleanly)');
        }
      } catch (error) {
        logger.debug({ err: error, archive }, 'could not keep the class-data-sharing archive');
      } finally {
        await rm(temporary, { force: true }).catch(() => undefined);
        await rm(lock, { force: true }).catch(() => undefined);
      }
    },
  };
}

async function fingerprint(options: ArchiveOptions): Promise<{ classpathHash: string; jvmHash: string }> {
  const classpath = createHash('sha256');
  for (const entry of options.classpath) {
    const files = path.basename(entry) === '*'
      ? (await readdir(path.dirname(entry))).filter((name) => name.endsWith('.jar')).sort().map((name) => path.join(path.dirname(entry), name))
      : [entry];
    for (const file of files) {
      const { size, mtimeMs } = await stat(file);
      classpath.update(`${file}\0${size}\0${mtimeMs}\n`);
    }
  }
  const jvm = createHash('sha256')
    .update(`${await realpath(options.javaPath).catch(() => options.javaPath)}\n${options.javaVersion}\n`)
    .update(options.layoutFlags.join('\n'));
  return { classpathHash: classpath.digest('hex').slice(0, 12), jvmHash: jvm.digest('hex').slice(0, 12) };
}

/** Archives and leftovers made for other jars (an older build): never useful again. */
async function removeOtherArchives(dir: string, classpathHash: string, keep: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const file = path.join(dir, name);
    if (file === keep || !name.startsWith(ARCHIVE_PREFIX) || name.startsWith(`${ARCHIVE_PREFIX}${classpathHash}-`)) continue;
    if (name.endsWith(ARCHIVE_SUFFIX) || (name.endsWith('.tmp') && !(await lockHeld(file.replace(/\.\d+\.tmp$/, '.lock'))))) {
      await rm(file, { force: true }).catch(() => undefined);
    }
  }
}

/** Starts with the magic number of a dynamic (top-layer) archive. */
async function isDynamicArchive(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0);
    return bytesRead === 4 && buffer.readUInt32LE(0) === DYNAMIC_ARCHIVE_MAGIC;
  } finally {
    await handle.close();
  }
}

/** A lock whose holder (the writing JVM, or the Node process about to spawn it) is alive and recent. */
async function lockHeld(lock: string): Promise<boolean> {
  let info;
  try {
    info = await stat(lock);
  } catch {
    return false;
  }
  const age = Date.now() - info.mtimeMs;
  const text = (await readFile(lock, 'utf8').catch(() => '')).trim();
  // Just created, its pid not written yet.
  if (!text && age < LOCK_FRESH_MS) return true;
  const pid = Number(text);
  if (age < LOCK_STALE_MS && Number.isInteger(pid) && pid > 0 && isAlive(pid)) return true;
  await rm(lock, { force: true }).catch(() => undefined);
  return false;
}

async function takeLock(lock: string): Promise<boolean> {
  try {
    const handle = await open(lock, 'wx');
    try {
      await handle.writeFile(String(process.pid));
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
  // A JVM that wrote to this folder and was killed (its parent gone too) left its temporary file.
  const prefix = `${path.basename(lock).slice(0, -'.lock'.length)}.`;
  for (const name of await readdir(path.dirname(lock))) {
    if (name.startsWith(prefix) && name.endsWith('.tmp')) await rm(path.join(path.dirname(lock), name), { force: true }).catch(() => undefined);
  }
  return true;
}
