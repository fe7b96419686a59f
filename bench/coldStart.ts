/**
 * `npm run bench:start`: cold start to ready on the embedded default. Runs `npm start` (its
 * prestart build check included) on a fresh temporary data folder, as a new user's first start
 * would, and reports the time from the command to the "Scam Atlas API ready" log line, broken down
 * from the log: until the JVM is spawned (npm, the build check, Node, Java and install checks), the
 * copy of the prepared store (when there is one for these sources), the JVM's start, migrations, the
 * demo seed, the HTTP server. Then stops it (SIGTERM) and removes the folder.
 *
 *   npm run bench:start -- [--runs 3] [--heap 4g] [--pagecache 4g] [--prepared-store true|false]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/config/index.js';

/** A start that takes longer than this is reported as failed. */
const READY_TIMEOUT_MS = 5 * 60 * 1000;
const STOP_TIMEOUT_MS = 60 * 1000;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    heap: { type: 'string' },
    pagecache: { type: 'string' },
    'prepared-store': { type: 'string', default: 'true' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number (got "${values.runs}")`);

interface LogLine {
  msg: string;
  time: string;
  startMs?: number;
  ms?: number;
}

interface Timing {
  total: number;
  beforeJvm: number;
  copy: number;
  jvm: number;
  connect: number;
  migrations: number;
  seed: number;
  server: number;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function coldStart(): Promise<Timing> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-cold-start-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    NEO4J_EMBEDDED_DATA_DIR: dataDir,
    NEO4J_EMBEDDED_BOLT_PORT: '0',
    LOG_LEVEL: 'info',
    ...(values.heap ? { NEO4J_EMBEDDED_HEAP: values.heap } : {}),
    ...(values.pagecache ? { NEO4J_EMBEDDED_PAGECACHE: values.pagecache } : {}),
    NEO4J_EMBEDDED_PREPARED_STORE: values['prepared-store'],
  };
  delete env['NEO4J_URI'];
  const spawnedAt = Date.now();
  // Its own process group, so that stopping it reaches npm's child (the API) too.
  const child = spawn('npm', ['start', '--silent'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines: LogLine[] = [];
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        return;
      }
      lines.push(line);
      if (line.msg === 'Scam Atlas API ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with code ${code} before it was ready:\n${stderr.slice(-10).join('\n')}`));
    });
  });
  try {
    await ready;
    const readyAt = Date.now();
    const find = (msg: string): number | undefined => {
      const line = lines.find((l) => l.msg.startsWith(msg));
      return line ? Date.parse(line.time) : undefined;
    };
    const at = (msg: string): number => {
      const time = find(msg);
      if (time === undefined) throw new Error(`no "${msg}" log line`);
      return time;
    };
    const jvmSpawned = at('starting embedded Neo4j');
    const jvmReady = at('embedded Neo4j ready');
    const connected = at('connected to Neo4j');
    const migrated = at('migrations done');
    // A start from the prepared store copies it first and loads no demo story.
    const copied = lines.find((l) => l.msg.startsWith('first start from the prepared store'));
    const seeded = find('demo story loaded') ?? migrated;
    return {
      total: readyAt - spawnedAt,
      copy: copied?.ms ?? 0,
      beforeJvm: jvmSpawned - spawnedAt - (copied?.ms ?? 0),
      jvm: jvmReady - jvmSpawned,
      connect: connected - jvmReady,
      migrations: migrated - connected,
      seed: seeded - migrated,
      server: at('Scam Atlas API ready') - seeded,
    };
  } finally {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, 'SIGTERM');
    const stopped = await Promise.race([exited.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), STOP_TIMEOUT_MS))]);
    if (!stopped && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  }
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);
const columns: Array<[keyof Timing, string]> = [
  ['total', 'to ready'],
  ['beforeJvm', 'npm + build check + Node + checks'],
  ['copy', 'prepared store copy'],
  ['jvm', 'JVM start'],
  ['connect', 'driver connect'],
  ['migrations', 'migrations'],
  ['seed', 'demo seed'],
  ['server', 'HTTP server'],
];

const results: Timing[] = [];
for (let run = 1; run <= runs; run++) {
  const timing = await coldStart();
  results.push(timing);
  process.stderr.write(`run ${run}: ready after ${seconds(timing.total)} s\n`);
}
const median = (key: keyof Timing): number => {
  const sorted = results.map((r) => r[key]).sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};
process.stdout.write(`Cold start on the embedded default (fresh data folder, prepared store ${values['prepared-store'] === 'false' ? 'off' : 'on'}), ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}, seconds:\n\n`);
process.stdout.write(`| run | ${columns.map(([, title]) => title).join(' | ')} |\n|${' --- |'.repeat(columns.length + 1)}\n`);
for (const [index, timing] of results.entries()) process.stdout.write(`| ${index + 1} | ${columns.map(([key]) => seconds(timing[key])).join(' | ')} |\n`);
if (results.length > 1) process.stdout.write(`| median | ${columns.map(([key]) => seconds(median(key))).join(' | ')} |\n`);
