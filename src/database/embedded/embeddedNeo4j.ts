/**
 * The embedded default database: Neo4j Community 5.26 + APOC core run as a child JVM
 * (neo4j/src/main/java/org/scamatlas/neo4j/EmbeddedNeo4j.java), reached over Bolt on 127.0.0.1.
 *
 * Lifetime: the JVM reads its stdin as a watchdog pipe and shuts down when it closes, so it dies with this
 * Node process however that ends (even SIGKILL). `stop()` is the clean path; a `process.on('exit')` hook
 * covers a plain `process.exit()`.
 */
import { execFile, spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import neo4j from 'neo4j-driver';
import type { Logger } from 'pino';
import { projectRoot } from '../../config/projectRoot.js';
import { OFF, planArchive, type ArchivePlan } from './classDataSharing.js';

export interface EmbeddedNeo4jOptions {
  /** Neo4j home of this instance: store in `data/`, Neo4j's logs in `logs/`, plus the password file. */
  dataDir: string;
  /** Bolt port on 127.0.0.1; 0 lets the OS pick a free one. */
  boltPort: number;
  /** JVM heap (-Xms = -Xmx), e.g. "4g". */
  heap: string;
  /** Neo4j page cache, e.g. "4g". */
  pageCache: string;
  /** Spawn → Bolt verified; the JVM is stopped and START_TIMEOUT thrown past it. */
  startTimeoutMs: number;
  /**
   * Start with (and after the first clean stop, write) a class-data-sharing archive of Neo4j's classes
   * in neo4j/target/cds: a much faster JVM start. Off unless asked for (`npm start` asks, by
   * NEO4J_EMBEDDED_CDS): tests and tools that start throwaway JVMs do not write archives at their stops.
   */
  classDataSharing?: boolean;
  /** Where class-data-sharing archives are kept; default neo4j/target/cds (inside the install). */
  classDataSharingDir?: string;
  logger: Logger;
}

export interface EmbeddedNeo4j {
  /** bolt://127.0.0.1:<port> */
  uri: string;
  username: string;
  password: string;
  /** The Bolt port it listens on (the one the OS picked when asked for 0): a restart reuses it. */
  boltPort: number;
  /** pid of the JVM */
  pid: number;
  /** SIGTERM, wait for a clean shutdown (bounded), then SIGKILL. Idempotent. */
  stop(): Promise<void>;
  /**
   * Calls `listener` once if the JVM exits after it was ready without stop() having been called
   * (killed, crashed): the supervisor starts it again.
   */
  onUnexpectedExit(listener: (exit: EmbeddedExit) => void): void;
}

export interface EmbeddedExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export type EmbeddedNeo4jErrorCode =
  | 'JAVA_MISSING'
  | 'JAVA_TOO_OLD'
  | 'JAVA_UNSUPPORTED'
  | 'NOT_INSTALLED'
  | 'INSTALL_FAILED'
  | 'PORT_IN_USE'
  | 'DATA_DIR_LOCKED'
  | 'START_TIMEOUT'
  | 'START_FAILED';

/** A start failure with a message an end user can act on (never a stack trace). */
export class EmbeddedNeo4jError extends Error {
  override name = 'EmbeddedNeo4jError';
  constructor(
    readonly code: EmbeddedNeo4jErrorCode,
    message: string,
  ) {
    super(message);
  }
}

// ---- constants -------------------------------------------------------------------------------------

const BOLT_HOST = '127.0.0.1';
const USERNAME = 'neo4j';
const PASSWORD_FILE = '.scam-atlas-password';
/**
 * Where a running embedded Neo4j says where it listens (its Bolt URI and JVM pid), next to the
 * password: how `npm run import` and the other commands find the database of an API that is running
 * on the same folder instead of failing on the folder's lock. Removed when it stops.
 */
const RUNNING_FILE = '.scam-atlas-running.json';
const PASSWORD_ENV = 'SCAM_ATLAS_NEO4J_PASSWORD';
const PASSWORD_BYTES = 24; // 32 base64url characters
const PORT_ENV_HINT = 'NEO4J_EMBEDDED_BOLT_PORT';
/** Neo4j 5.26 runs on these Java releases only. */
const SUPPORTED_JAVA_MAJORS = [17, 21];
const JAVA_VERSION_TIMEOUT_MS = 15 * 1000;
const MAIN_CLASS = 'org.scamatlas.neo4j.EmbeddedNeo4j';
/** After SIGTERM, how long Neo4j may take to checkpoint and close the store before SIGKILL. */
const STOP_TIMEOUT_MS = 30 * 1000;
/** Extra stop time for a JVM writing its class-data-sharing archive (~5 s quiet, ~30 s on a loaded 2-core machine). */
const ARCHIVE_WRITE_MS = 120 * 1000;
/** Heaps from this size on run without compressed oops: a class-data-sharing archive of another layout. */
const NO_COMPRESSED_OOPS_BYTES = 32 * 2 ** 30;
const KILL_WAIT_MS = 5 * 1000;
/** Pause between Bolt verification attempts while the server finishes starting. */
const VERIFY_RETRY_MS = 250;
/** Size syntax accepted for heap and page cache (what both the JVM and Neo4j understand). */
const SIZE_PATTERN = /^\d+[kKmMgGtT]?$/;
/** Output lines kept to explain a JVM that died before it could report an error itself. */
const OUTPUT_TAIL_LINES = 20;
/** How many of those lines (stack frames skipped) go into the error message. */
const OUTPUT_HINT_LINES = 3;

/**
 * JVM flags, taken from the `server.jvm.additional` defaults of Neo4j 5.26's neo4j.conf, minus profiling
 * aids (DebugNonSafepoints, FlightRecorder depth) and AlwaysPreTouch (touching the whole heap up front
 * costs start time; Neo4j's own scripts use it for long-lived servers).
 */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  // Netty and Neo4j manage off-heap memory themselves; a library's System.gc() would only cause pauses.
  '-XX:+DisableExplicitGC',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Djdk.tls.ephemeralDHKeySize=2048',
  '-Djdk.tls.rejectClientInitiatedRenegotiation=true',
  // Neo4j reaches into these JDK internals (direct buffers, file channels); without them it logs
  // warnings or falls back to slower paths, and vector index builds can stall.
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dlog4j2.disable.jmx=true',
  '-Dfile.encoding=UTF-8',
  // The JVM's own warnings (a class-data-sharing archive it refuses...) go to stdout by default, where
  // only the launcher's JSON protocol belongs.
  '-Xlog:disable',
  '-Xlog:all=warning:stderr',
];

// ---- public entry point ----------------------------------------------------------------------------

export async function startEmbeddedNeo4j(options: EmbeddedNeo4jOptions): Promise<EmbeddedNeo4j> {
  const { logger } = options;
  validateOptions(options);
  const paths = installPaths();
  const dataDir = path.resolve(options.dataDir);

  // Independent checks, side by side (the install check alone is a Node process of ~0.4 s).
  const [java, password] = await Promise.all([
    findJava(),
    (async () => {
      // logs/ up front: the JVM writes a crash report there (-XX:ErrorFile) even before Neo4j creates it.
      await mkdir(path.join(dataDir, 'logs'), { recursive: true });
      return loadOrCreatePassword(dataDir);
    })(),
    ensureInstalled(paths, logger),
    options.boltPort !== 0 ? assertPortFree(options.boltPort) : undefined,
  ]);

  const classpath = [paths.launcherJar, path.join(paths.lib, '*')];
  const archive =
    options.classDataSharing !== true
      ? OFF
      : await planArchive({
          dir: options.classDataSharingDir ?? path.join(paths.neo4jDir, 'target', 'cds'),
          javaPath: java.path,
          javaVersion: java.version,
          classpath,
          layoutFlags: [...JVM_FLAGS, sizeBytes(options.heap) >= NO_COMPRESSED_OOPS_BYTES ? 'no-compressed-oops' : 'compressed-oops'],
          logger,
        });
  try {
    return await launch(options, { java, password, dataDir, paths, classpath, archive });
  } catch (error) {
    // An archive Java could map but not use can take the JVM down (a truncated file: SIGBUS). Once
    // without it; the next clean stop writes a new one.
    if (!(error instanceof JvmDiedBeforeReady)) throw error;
    if (archive.mode !== 'use') throw error.cause;
    await archive.discard('the JVM died before it was ready');
    logger.warn('embedded Neo4j died at start with its class-data-sharing archive; starting it again without');
    try {
      return await launch(options, { java, password, dataDir, paths, classpath, archive: OFF });
    } catch (retryError) {
      throw retryError instanceof JvmDiedBeforeReady ? retryError.cause : retryError;
    }
  }
}

/** A start failure where the JVM exited on its own without reporting an error event (cause: the error to show). */
class JvmDiedBeforeReady extends Error {
  constructor(override readonly cause: EmbeddedNeo4jError) {
    super(cause.message);
  }
}

interface LaunchContext {
  java: JavaInfo;
  password: string;
  dataDir: string;
  paths: InstallPaths;
  classpath: string[];
  archive: ArchivePlan;
}

async function launch(options: EmbeddedNeo4jOptions, context: LaunchContext): Promise<EmbeddedNeo4j> {
  const { logger } = options;
  const { java, password, dataDir, paths, classpath, archive } = context;
  const logFiles = neo4jLogFiles(dataDir);
  const args = [
    `-Xms${options.heap}`,
    `-Xmx${options.heap}`,
    // A JVM crash report belongs with the other logs, not in whatever folder Node was started from.
    `-XX:ErrorFile=${path.join(dataDir, 'logs', 'hs_err_pid%p.log')}`,
    ...JVM_FLAGS,
    ...archive.flags,
    '-cp',
    classpath.join(path.delimiter),
    MAIN_CLASS,
    '--port',
    String(options.boltPort),
    '--home',
    dataDir,
    '--plugins',
    paths.plugins,
    '--pagecache',
    options.pageCache,
  ];

  const startedAt = Date.now();
  logger.info(
    { dataDir, boltPort: options.boltPort || 'auto', heap: options.heap, pageCache: options.pageCache, java: java.path, javaVersion: java.major, classDataSharing: archive.mode },
    'starting embedded Neo4j',
  );
  const child = spawn(java.path, args, {
    cwd: dataDir,
    env: { ...process.env, [PASSWORD_ENV]: password },
    // stdin stays open and unused: its EOF tells the JVM that we are gone.
    stdio: ['pipe', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C in a terminal (or `timeout`) signals the whole foreground group,
    // and Neo4j must not stop before the API has drained its requests. We stop it, in order.
    detached: true,
  });
  const instance = new EmbeddedProcess(child, logger, logFiles, archive);
  if (child.pid !== undefined) await archive.setJvmPid(child.pid);

  try {
    const ready = await instance.waitForReady(options.startTimeoutMs, options.boltPort);
    const uri = `bolt://${BOLT_HOST}:${ready.boltPort}`;
    await verifyBolt(uri, password, startedAt + options.startTimeoutMs, instance);
    logger.info(
      { uri, jvmPid: child.pid, neo4jVersion: ready.neo4jVersion, startMs: Date.now() - startedAt },
      'embedded Neo4j ready',
    );
    instance.markReady();
    const runningFile = path.join(dataDir, RUNNING_FILE);
    await writeFile(runningFile, `${JSON.stringify({ uri, jvmPid: child.pid, ownerPid: process.pid })}\n`, { mode: 0o600 });
    return {
      uri,
      username: USERNAME,
      password,
      boltPort: ready.boltPort,
      pid: instance.pid,
      stop: async () => {
        await rm(runningFile, { force: true });
        await instance.stop();
      },
      onUnexpectedExit: (listener) => instance.onUnexpectedExit(listener),
    };
  } catch (error) {
    const diedOnItsOwn = instance.diedOnItsOwn();
    await instance.stop();
    if (error instanceof EmbeddedNeo4jError && diedOnItsOwn) throw new JvmDiedBeforeReady(error);
    if (error instanceof EmbeddedNeo4jError && error.code === 'START_TIMEOUT') {
      throw new EmbeddedNeo4jError(
        'START_TIMEOUT',
        `Embedded Neo4j did not become ready within ${Math.round(options.startTimeoutMs / 1000)} s. ` +
          `See ${logFiles.user} and ${logFiles.debug}. A large store recovering after a crash can need ` +
          'a longer start timeout.',
      );
    }
    throw error;
  }
}

/** An embedded Neo4j another process runs on a data folder: where it listens and how to sign in. */
export interface RunningEmbeddedNeo4j {
  uri: string;
  username: string;
  password: string;
  jvmPid: number;
}

/**
 * The embedded Neo4j running on `dataDir` (started by an API or a command), or undefined when none
 * is: no record, or one left by a JVM that is gone (killed without a clean stop).
 */
export async function findRunningEmbeddedNeo4j(dataDir: string): Promise<RunningEmbeddedNeo4j | undefined> {
  const folder = path.resolve(dataDir);
  let record: { uri?: unknown; jvmPid?: unknown };
  try {
    record = JSON.parse(await readFile(path.join(folder, RUNNING_FILE), 'utf8')) as typeof record;
  } catch {
    return undefined;
  }
  if (typeof record.uri !== 'string' || typeof record.jvmPid !== 'number' || !isAlive(record.jvmPid)) return undefined;
  const password = (await readFile(path.join(folder, PASSWORD_FILE), 'utf8').catch(() => '')).trim();
  if (!password) return undefined;
  return { uri: record.uri, username: USERNAME, password, jvmPid: record.jvmPid };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// ---- the child process ----------------------------------------------------------------------------

type LauncherEvent =
  | { event: 'ready'; boltPort: number; neo4jVersion: string }
  | { event: 'error'; code: string; message: string };

type JvmProcess = ChildProcessByStdio<Writable, Readable, Readable>;

interface LogFiles {
  user: string;
  debug: string;
}

class EmbeddedProcess {
  readonly pid: number;
  private readonly exited: Promise<void>;
  private exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private launcherError: { code: string; message: string } | undefined;
  private readyEvent: { boltPort: number; neo4jVersion: string } | undefined;
  /** Non-protocol output: the JVM reports its own startup failures (bad -Xmx...) on stdout or stderr. */
  private readonly outputTail: string[] = [];
  private readonly waiters = new Set<() => void>();
  private stopping: Promise<void> | undefined;
  private ready = false;
  private readonly unexpectedExitListeners: Array<(exit: EmbeddedExit) => void> = [];
  private readonly onProcessExit = (): void => {
    // Node is exiting without having called stop(): ask the JVM to shut down cleanly on its own.
    if (!this.exitInfo) this.child.kill('SIGTERM');
  };

  constructor(
    private readonly child: JvmProcess,
    private readonly logger: Logger,
    private readonly logFiles: LogFiles,
    private readonly archive: ArchivePlan,
  ) {
    // spawn() reports a failed exec asynchronously; pid is undefined then and 'error' follows.
    this.pid = child.pid ?? -1;
    process.on('exit', this.onProcessExit);
    // Writing to stdin never happens, but a closed pipe must not surface as an unhandled error.
    child.stdin.on('error', () => undefined);

    let resolveExited: () => void = () => undefined;
    this.exited = new Promise((resolve) => {
      resolveExited = resolve;
    });
    const onGone = (code: number | null, signal: NodeJS.Signals | null): void => {
      if (this.exitInfo) return;
      this.exitInfo = { code, signal };
      process.off('exit', this.onProcessExit);
      // Keeping a freshly written archive is part of the stop: stop() resolves after it.
      const archiveKept = archive.finish({ code, signal });
      if (this.ready && !this.stopping) {
        logger.error({ jvmPid: this.pid, code, signal, log: logFiles.user }, 'embedded Neo4j exited unexpectedly');
        for (const listener of this.unexpectedExitListeners.splice(0)) listener({ code, signal });
      } else {
        logger.debug({ code, signal }, 'embedded Neo4j exited');
      }
      this.notify();
      void archiveKept.finally(resolveExited);
    };
    // 'close' rather than 'exit': it comes after stdout/stderr are drained, so an error event the
    // launcher printed just before exiting has been read by then.
    child.once('close', onGone);
    child.once('error', (error) => {
      // Only a failed spawn gets here (the java binary vanished after findJava()).
      this.launcherError ??= { code: 'START_FAILED', message: `cannot run java: ${error.message}` };
      onGone(null, null);
    });

    createInterface({ input: child.stdout }).on('line', (line) => this.onStdoutLine(line));
    createInterface({ input: child.stderr }).on('line', (line) => this.onStderrLine(line));
  }

  markReady(): void {
    this.ready = true;
  }

  onUnexpectedExit(listener: (exit: EmbeddedExit) => void): void {
    this.unexpectedExitListeners.push(listener);
  }

  isRunning(): boolean {
    return !this.exitInfo;
  }

  /** Exited before it was ready without a launcher error event and without being stopped. */
  diedOnItsOwn(): boolean {
    return !this.ready && !this.readyEvent && !this.launcherError && this.exitInfo !== undefined && this.stopping === undefined;
  }

  /** Resolves with the ready event, or throws an EmbeddedNeo4jError for an error event, exit or timeout. */
  async waitForReady(timeoutMs: number, requestedPort: number): Promise<{ boltPort: number; neo4jVersion: string }> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.readyEvent) return this.readyEvent;
      if (this.exitInfo) throw this.startFailure(requestedPort);
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new EmbeddedNeo4jError('START_TIMEOUT', 'start timed out');
      await this.nextEvent(remaining);
    }
  }

  stop(): Promise<void> {
    this.stopping ??= this.terminate();
    return this.stopping;
  }

  private async terminate(): Promise<void> {
    if (this.exitInfo) return;
    const writesArchive = this.archive.mode === 'write';
    this.logger.info(
      { jvmPid: this.pid },
      writesArchive ? 'stopping embedded Neo4j (and writing its class-data-sharing archive, once: a few seconds more)' : 'stopping embedded Neo4j',
    );
    this.child.kill('SIGTERM');
    const timeoutMs = STOP_TIMEOUT_MS + (writesArchive ? ARCHIVE_WRITE_MS : 0);
    if (await settlesWithin(this.exited, timeoutMs)) return;
    this.logger.warn(
      { jvmPid: this.pid },
      `embedded Neo4j did not stop within ${timeoutMs / 1000} s; killing it (the store will recover on the next start)`,
    );
    this.child.kill('SIGKILL');
    await settlesWithin(this.exited, KILL_WAIT_MS);
  }

  private startFailure(requestedPort: number): EmbeddedNeo4jError {
    const reported = this.launcherError;
    if (!reported) {
      const { code, signal } = this.exitInfo ?? { code: null, signal: null };
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      // The JVM's own reason (heap too large, missing class...), without stack frames.
      const hint = this.outputTail
        .filter((line) => !/^\s+at |^\s*\.\.\. \d+ more|^Caused by:/.test(line))
        .slice(0, OUTPUT_HINT_LINES)
        .join(' / ');
      const logHint = existsSync(this.logFiles.debug)
        ? `See ${this.logFiles.debug}.`
        : 'Check the Java installation and the heap size.';
      return new EmbeddedNeo4jError('START_FAILED', `The embedded Neo4j JVM ${how} before it was ready${hint ? `: ${hint}` : ''}. ${logHint}`);
    }
    if (reported.code === 'PORT_IN_USE') {
      const portText = requestedPort === 0 ? 'the Bolt port' : `Bolt port ${requestedPort}`;
      return new EmbeddedNeo4jError(
        'PORT_IN_USE',
        `Cannot start the embedded Neo4j: ${portText} on ${BOLT_HOST} is already in use. Stop the process ` +
          `using it, or choose another port with ${PORT_ENV_HINT} (0 picks a free one).`,
      );
    }
    if (reported.code === 'DATA_DIR_LOCKED') {
      return new EmbeddedNeo4jError(
        'DATA_DIR_LOCKED',
        `Cannot start the embedded Neo4j: ${reported.message} Is another Scam Atlas instance running on the ` +
          'same data folder? Stop it, or give this instance its own data folder.',
      );
    }
    return new EmbeddedNeo4jError(
      'START_FAILED',
      `The embedded Neo4j failed to start: ${reported.message.replace(/\.$/, '')}. See ${this.logFiles.debug}.`,
    );
  }

  private onStdoutLine(line: string): void {
    const event = parseEvent(line);
    if (!event) {
      if (line.trim()) this.remember(line);
      this.logger.warn({ jvm: line }, 'embedded Neo4j');
      return;
    }
    if (event.event === 'ready') {
      this.readyEvent = { boltPort: event.boltPort, neo4jVersion: event.neo4jVersion };
    } else {
      this.launcherError = { code: event.code, message: event.message };
    }
    this.notify();
  }

  private onStderrLine(line: string): void {
    if (!line.trim()) return;
    this.archive.onJvmOutput(line);
    this.remember(line);
    // JVM warnings (illegal access, unsupported flags) deserve attention; the rest is detail.
    if (/^(WARNING|Warning|ERROR|Error)\b/.test(line)) this.logger.warn({ jvm: line }, 'embedded Neo4j');
    else this.logger.debug({ jvm: line }, 'embedded Neo4j');
  }

  private remember(line: string): void {
    this.outputTail.push(line);
    if (this.outputTail.length > OUTPUT_TAIL_LINES) this.outputTail.shift();
  }

  private nextEvent(timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
    });
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}

function parseEvent(line: string): LauncherEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record.event === 'ready' && typeof record.boltPort === 'number') {
    return { event: 'ready', boltPort: record.boltPort, neo4jVersion: String(record.neo4jVersion ?? 'unknown') };
  }
  if (record.event === 'error' && typeof record.code === 'string') {
    return { event: 'error', code: record.code, message: String(record.message ?? '') };
  }
  return undefined;
}

/** Bolt is listening once the launcher says ready; prove that a real driver session authenticates. */
async function verifyBolt(uri: string, password: string, deadline: number, instance: EmbeddedProcess): Promise<void> {
  let lastError: unknown;
  while (Date.now() < deadline && instance.isRunning()) {
    const driver = neo4j.driver(uri, neo4j.auth.basic(USERNAME, password), {
      connectionTimeout: Math.max(1, deadline - Date.now()),
      userAgent: 'scam-atlas-embedded-check',
    });
    try {
      await driver.verifyConnectivity();
      return;
    } catch (error) {
      lastError = error;
    } finally {
      await driver.close().catch(() => undefined);
    }
    await delay(VERIFY_RETRY_MS);
  }
  if (!instance.isRunning()) {
    throw new EmbeddedNeo4jError('START_FAILED', 'The embedded Neo4j JVM exited right after it reported ready.');
  }
  if (lastError === undefined) throw new EmbeddedNeo4jError('START_TIMEOUT', 'start timed out');
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new EmbeddedNeo4jError('START_FAILED', `The embedded Neo4j is up but a Bolt connection to ${uri} failed: ${reason}`);
}

// ---- preparation -----------------------------------------------------------------------------------

export interface InstallPaths {
  neo4jDir: string;
  installScript: string;
  launcherJar: string;
  lib: string;
  plugins: string;
}

export function installPaths(): InstallPaths {
  const neo4jDir = path.join(projectRoot, 'neo4j');
  return {
    neo4jDir,
    installScript: path.join(neo4jDir, 'install.mjs'),
    launcherJar: path.join(neo4jDir, 'target', 'scam-atlas-neo4j-launcher.jar'),
    lib: path.join(neo4jDir, 'lib'),
    plugins: path.join(neo4jDir, 'plugins'),
  };
}

function neo4jLogFiles(dataDir: string): LogFiles {
  return { user: path.join(dataDir, 'logs', 'neo4j.log'), debug: path.join(dataDir, 'logs', 'debug.log') };
}

/** Bytes of a size in the JVM's syntax (512m, 4g). */
function sizeBytes(size: string): number {
  const units: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };
  const unit = size.slice(-1).toLowerCase();
  return unit in units ? Number(size.slice(0, -1)) * (units[unit] ?? 1) : Number(size);
}

function validateOptions(options: EmbeddedNeo4jOptions): void {
  const { boltPort, heap, pageCache, startTimeoutMs } = options;
  if (!Number.isInteger(boltPort) || boltPort < 0 || boltPort > 65535) {
    throw new EmbeddedNeo4jError('START_FAILED', `Invalid Bolt port ${boltPort}: use 1-65535, or 0 for a free one (${PORT_ENV_HINT}).`);
  }
  for (const [name, value] of [['heap', heap], ['page cache', pageCache]] as const) {
    if (!SIZE_PATTERN.test(value)) {
      throw new EmbeddedNeo4jError('START_FAILED', `Invalid embedded Neo4j ${name} size "${value}": use a size like 512m or 4g.`);
    }
  }
  if (!(startTimeoutMs > 0)) {
    throw new EmbeddedNeo4jError('START_FAILED', `Invalid embedded Neo4j start timeout ${startTimeoutMs} ms.`);
  }
}

export interface JavaInfo {
  path: string;
  major: number;
  /** What `java -version` printed. */
  version: string;
}

/** $JAVA_HOME/bin/java if JAVA_HOME is set (an explicit choice), else `java` on PATH. Never scans for others. */
export async function findJava(): Promise<JavaInfo> {
  const javaHome = process.env.JAVA_HOME;
  const javaPath = javaHome ? path.join(javaHome, 'bin', process.platform === 'win32' ? 'java.exe' : 'java') : 'java';
  const source = javaHome ? `JAVA_HOME (${javaHome})` : 'PATH';
  const installHint = 'Install Java 17 or 21 (e.g. `sudo apt-get install openjdk-17-jre-headless`)';

  let output: string;
  try {
    output = await new Promise<string>((resolve, reject) => {
      execFile(javaPath, ['-version'], { timeout: JAVA_VERSION_TIMEOUT_MS }, (error, stdout, stderr) => {
        if (error) reject(error);
        else resolve(`${stderr}\n${stdout}`);
      });
    });
  } catch {
    throw new EmbeddedNeo4jError(
      'JAVA_MISSING',
      `No usable Java found via ${source}. ${installHint}, or set NEO4J_URI to use an existing Neo4j instead ` +
        'of the embedded one.',
    );
  }
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const first = Number(match?.[1]);
  // Java 8 and older report "1.8.0_x".
  const major = first === 1 ? Number(match?.[2]) : first;
  if (!Number.isInteger(major)) {
    throw new EmbeddedNeo4jError('JAVA_MISSING', `Cannot tell the version of the Java found via ${source}. ${installHint}.`);
  }
  if (!SUPPORTED_JAVA_MAJORS.includes(major)) {
    const tooOld = major < Math.min(...SUPPORTED_JAVA_MAJORS);
    throw new EmbeddedNeo4jError(
      tooOld ? 'JAVA_TOO_OLD' : 'JAVA_UNSUPPORTED',
      `The Java found via ${source} is version ${major}; the embedded Neo4j 5.26 runs on Java 17 or 21 only. ` +
        `${installHint} and put it first on PATH or point JAVA_HOME at it.`,
    );
  }
  return { path: javaPath, major, version: output.trim() };
}

/** Runs neo4j/install.mjs: a quick no-op when the Maven build is current, a (re)build otherwise. */
export async function ensureInstalled(paths: InstallPaths, logger: Logger): Promise<void> {
  const artifactsPresent = (): boolean =>
    existsSync(paths.launcherJar) && existsSync(paths.lib) && existsSync(paths.plugins);
  const env = { ...process.env };
  delete env.npm_lifecycle_event; // a real failure here must fail, unlike during `npm ci`

  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [paths.installScript], { cwd: paths.neo4jDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', (error) => resolve({ code: null, output: error.message }));
    child.on('close', (exitCode) => resolve({ code: exitCode, output: Buffer.concat(chunks).toString('utf8').trim() }));
  });
  const EXIT_TOOLS_MISSING = 3; // see neo4j/install.mjs
  if (code === 0 && artifactsPresent()) {
    if (output) logger.debug({ output }, 'neo4j/install.mjs');
    return;
  }
  if (output) logger.warn({ output }, 'neo4j/install.mjs');
  if (code === EXIT_TOOLS_MISSING && artifactsPresent()) {
    logger.warn('Maven is not available to check the embedded Neo4j build; using the existing build in neo4j/');
    return;
  }
  if (code === 0 || code === EXIT_TOOLS_MISSING) {
    throw new EmbeddedNeo4jError(
      'NOT_INSTALLED',
      'The embedded Neo4j is not built (neo4j/lib, neo4j/plugins and the launcher jar are missing). ' +
        'Install a Java 17 JDK and Maven (e.g. `sudo apt-get install openjdk-17-jdk-headless maven`), unset ' +
        'SCAM_ATLAS_SKIP_NEO4J_INSTALL if set, and run `node neo4j/install.mjs`; or set NEO4J_URI to use an existing Neo4j.',
    );
  }
  throw new EmbeddedNeo4jError(
    'INSTALL_FAILED',
    'Building the embedded Neo4j with Maven failed. Run `node neo4j/install.mjs` to see Maven\'s output ' +
      '(the first build needs access to Maven Central).',
  );
}

async function loadOrCreatePassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, PASSWORD_FILE);
  try {
    const existing = (await readFile(file, 'utf8')).trim();
    if (existing) {
      await chmod(file, 0o600); // repair permissions if someone loosened them
      return existing;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const password = randomBytes(PASSWORD_BYTES).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES'
          ? new EmbeddedNeo4jError(
              'PORT_IN_USE',
              `Cannot start the embedded Neo4j: Bolt port ${port} on ${BOLT_HOST} is ` +
                `${error.code === 'EACCES' ? 'not permitted for this user' : 'already in use'}. Stop the process ` +
                `using it, or choose another port with ${PORT_ENV_HINT} (0 picks a free one).`,
            )
          : error,
      );
    });
    server.listen({ port, host: BOLT_HOST, exclusive: true }, () => server.close(() => resolve()));
  });
}

// ---- small helpers ---------------------------------------------------------------------------------

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
