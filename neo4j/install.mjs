#!/usr/bin/env node
// Builds the embedded Neo4j (launcher jar, runtime jars in neo4j/lib, APOC in neo4j/plugins) with Maven.
// Run by npm's postinstall and by the API before it starts the embedded database. Quick no-op when the
// build matches pom.xml and the Java sources (hash kept in neo4j/lib/.installed).
//
// Env: SCAM_ATLAS_SKIP_NEO4J_INSTALL=1 skips everything (for users of an external Neo4j via NEO4J_URI).
// Exit codes: 0 built or up to date (or skipped, or tools missing during postinstall),
//             1 Maven build failed, 3 java/mvn missing, 4 timed out waiting for another install.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const NEO4J_DIR = dirname(fileURLToPath(import.meta.url));
const POM = join(NEO4J_DIR, 'pom.xml');
const SOURCES = join(NEO4J_DIR, 'src');
const LIB = join(NEO4J_DIR, 'lib');
const PLUGINS = join(NEO4J_DIR, 'plugins');
const TARGET = join(NEO4J_DIR, 'target');
const LAUNCHER_JAR = join(TARGET, 'scam-atlas-neo4j-launcher.jar');
const MARKER = join(LIB, '.installed');
// Inside target/ so it is git-ignored; a directory because mkdir is atomic.
const LOCK_DIR = join(TARGET, '.install.lock');
const LOCK_WAIT_MS = 15 * 60 * 1000; // a cold Maven build downloads ~150 MB of jars
const LOCK_POLL_MS = 500;
// Bump to force a rebuild when the way this script lays out files changes.
const LAYOUT_VERSION = '1';
const MAVEN_ARGS = ['-B', '-q', '-Dstyle.color=never', 'package', '-DskipTests'];
const MAVEN_OUTPUT_LIMIT = 64 * 1024 * 1024;

const EXIT_BUILD_FAILED = 1;
const EXIT_TOOLS_MISSING = 3;
const EXIT_LOCK_TIMEOUT = 4;

const isWindows = process.platform === 'win32';
const isPostinstall = process.env.npm_lifecycle_event === 'postinstall';

function log(message) {
  console.error(`[scam-atlas neo4j] ${message}`);
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? listFiles(path) : [path];
  });
}

function buildHash() {
  const hash = createHash('sha256').update(`layout ${LAYOUT_VERSION}\n`);
  for (const file of [POM, ...listFiles(SOURCES).sort()]) {
    // Paths are part of the hash so a renamed class also triggers a rebuild.
    hash.update(`${relative(NEO4J_DIR, file).split('\\').join('/')}\n`).update(readFileSync(file)).update('\n');
  }
  return hash.digest('hex');
}

function isUpToDate(hash) {
  const hasJars = (dir) => existsSync(dir) && readdirSync(dir).some((name) => name.endsWith('.jar'));
  return (
    existsSync(LAUNCHER_JAR) &&
    hasJars(LIB) &&
    hasJars(PLUGINS) &&
    existsSync(MARKER) &&
    readFileSync(MARKER, 'utf8').trim() === hash
  );
}

function commandWorks(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore', shell: isWindows });
  return !result.error && result.status === 0;
}

function toolsMissing(missing) {
  log(
    `Cannot build the embedded Neo4j: ${missing.join(' and ')} not found on PATH.\n` +
      '  Install a Java 17 (or 21) JDK and Maven, e.g. on Debian/Ubuntu:\n' +
      '    sudo apt-get install openjdk-17-jdk-headless maven\n' +
      '  then run `node neo4j/install.mjs` (or `npm install` again).\n' +
      '  This is only needed for the embedded default database. If you point Scam Atlas at your own\n' +
      '  Neo4j with NEO4J_URI you can ignore this (set SCAM_ATLAS_SKIP_NEO4J_INSTALL=1 to silence it).',
  );
  // During `npm ci` a missing JDK must not fail the install for users of an external database.
  return isPostinstall ? 0 : EXIT_TOOLS_MISSING;
}

const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function stripAnsi(text) {
  return text.replace(ANSI_ESCAPE, '');
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Serialises concurrent installs (tests and parallel starts spawn this script at the same time). False on timeout. */
function acquireLock() {
  mkdirSync(TARGET, { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
      return true;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder = Number.NaN;
    try {
      holder = Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8'));
    } catch {
      // The holder has created the directory but not yet written its pid.
    }
    if (Number.isInteger(holder) && holder > 0 && !isAlive(holder)) {
      rmSync(LOCK_DIR, { recursive: true, force: true }); // left behind by a killed install
      continue;
    }
    if (Date.now() > deadline) {
      log(`Timed out waiting for another install (pid ${holder}) holding ${LOCK_DIR}.`);
      return false;
    }
    if (!announced) {
      log('Waiting for another install of the embedded Neo4j to finish...');
      announced = true;
    }
    sleep(LOCK_POLL_MS);
  }
}

function releaseLock() {
  rmSync(LOCK_DIR, { recursive: true, force: true });
}

/** @returns the process exit code */
function main() {
  if (process.env.SCAM_ATLAS_SKIP_NEO4J_INSTALL === '1') {
    log('SCAM_ATLAS_SKIP_NEO4J_INSTALL=1: not building the embedded Neo4j.');
    return 0;
  }
  if (isUpToDate(buildHash())) return 0;

  const missing = [];
  if (!commandWorks('java', ['-version'])) missing.push('`java`');
  if (!commandWorks('mvn', ['-v'])) missing.push('`mvn` (Maven)');
  if (missing.length > 0) return toolsMissing(missing);

  if (!acquireLock()) return EXIT_LOCK_TIMEOUT;
  try {
    const hash = buildHash();
    if (isUpToDate(hash)) return 0; // another process built it while we waited
    log('Building the embedded Neo4j with Maven (first time: downloads ~150 MB from Maven Central)...');
    // Stale jars from an older pom would still land on the classpath: start from empty folders.
    rmSync(LIB, { recursive: true, force: true });
    rmSync(PLUGINS, { recursive: true, force: true });
    const result = spawnSync('mvn', MAVEN_ARGS, {
      cwd: NEO4J_DIR,
      encoding: 'utf8',
      maxBuffer: MAVEN_OUTPUT_LIMIT,
      shell: isWindows,
    });
    if (result.error || result.status !== 0) {
      // Maven 3.8 emits colour resets even in batch mode.
      const output = stripAnsi(`${result.stdout ?? ''}${result.stderr ?? ''}`).trim();
      if (output) console.error(output);
      const noCompiler = /No compiler is provided in this environment/.test(output);
      log(
        noCompiler
          ? 'Maven found a Java runtime but no compiler: install a JDK (e.g. `sudo apt-get install openjdk-17-jdk-headless`), not only a JRE.'
          : `Maven build failed (${result.error?.message ?? `exit code ${result.status}`}); see its output above. ` +
              'Maven Central must be reachable on the first build.',
      );
      return isPostinstall && noCompiler ? 0 : EXIT_BUILD_FAILED;
    }
    if (!existsSync(LAUNCHER_JAR) || !existsSync(LIB) || !existsSync(PLUGINS)) {
      log(`Maven succeeded but ${LAUNCHER_JAR}, ${LIB} or ${PLUGINS} is missing; check neo4j/pom.xml.`);
      return EXIT_BUILD_FAILED;
    }
    writeFileSync(MARKER, `${hash}\n`);
    log('Embedded Neo4j built.');
    return 0;
  } finally {
    releaseLock();
  }
}

process.exitCode = main();
