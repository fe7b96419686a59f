import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../../src/config/index.js';
import type { ServerName } from '../queries/index.js';
import { ANONYMOUS_ATLAS_ROLE, BENCH_JWT_SECRET } from './auth.js';

/** One server under test, in its own Node process. */
export interface ServerProcess {
  name: ServerName;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * The Node flags `npm start` gives Scam Atlas (the words starting with `--` after `node` in the
 * checkout's package.json start script; a flag's value goes with `=`), so a bench runs it as it is
 * deployed.
 */
export function startFlagsOf(checkout: string): string[] {
  const packageJson = JSON.parse(readFileSync(path.join(checkout, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const words = (packageJson.scripts?.['start'] ?? '').split(/\s+/);
  return words.slice(words.indexOf('node') + 1).filter((word) => word.startsWith('--'));
}

/** BENCH_NODE_ARGS: Node flags for every server a bench starts, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` or `--trace-gc` (not allowed in NODE_OPTIONS). */
export function benchNodeArgs(): string[] {
  return (process.env['BENCH_NODE_ARGS'] ?? '').split(/\s+/).filter(Boolean);
}

/** Scam Atlas runs from dist/ as `npm start` runs it (its flags; built first if stale); the others are bench scripts. */
const SCRIPTS: Record<ServerName, string> = {
  atlas: path.join(projectRoot, 'dist', 'src', 'main.js'),
  peer: path.join(projectRoot, 'bench', 'servers', 'peerServer.ts'),
  floor: path.join(projectRoot, 'bench', 'servers', 'floorServer.ts'),
};
// A server's first start on a bench store builds what the store lacks (dashboard tallies, resolution
// keys: minutes at 1M entities) before it answers /health; later starts find them built.
const START_TIMEOUT_MS = 900_000;

/** `npm start`'s prestart: builds dist/ when a source changed since the last build. */
function buildIfStale(): void {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'build-if-stale.mjs')], { cwd: projectRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`Building dist/ for the bench failed (exit ${result.status}); run npm run build to see why.`);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * How a server verifies tokens: every server gets the bench secret; Scam Atlas refuses anonymous
 * requests (AUTH_ANONYMOUS_ROLE=none), so a request without a valid token fails instead of quietly
 * measuring the anonymous role. `anonymous` is Scam Atlas with authentication off, for the baseline.
 */
export type ServerAuth = 'token' | 'anonymous';

function authEnv(name: ServerName, auth: ServerAuth): Record<string, string> {
  if (name !== 'atlas') return { BENCH_JWT_SECRET };
  // Empty counts as unset: no secret, so no token is verified and every request is the anonymous role.
  if (auth === 'anonymous') return { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: '', AUTH_ANONYMOUS_ROLE: ANONYMOUS_ATLAS_ROLE };
  return { AUTH_JWT_SECRET: BENCH_JWT_SECRET, AUTH_JWKS_URL: '', AUTH_ANONYMOUS_ROLE: 'none' };
}

/** Starts a server against the bench Neo4j (Scam Atlas as with NEO4J_URI: no embedded start, no seeding). */
export async function startServerProcess(name: ServerName, neo4j: { uri: string; username: string; password: string }, auth: ServerAuth = 'token'): Promise<ServerProcess> {
  const port = await freePort();
  const nodeArgs = benchNodeArgs();
  if (name === 'atlas') buildIfStale();
  const flags = name === 'atlas' ? startFlagsOf(projectRoot) : ['--import', 'tsx'];
  const child: ChildProcess = spawn(process.execPath, [...nodeArgs, ...flags, SCRIPTS[name]], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NEO4J_URI: neo4j.uri,
      NEO4J_USERNAME: neo4j.username,
      NEO4J_PASSWORD: neo4j.password,
      HOST: '127.0.0.1',
      PORT: String(port),
      // Per-request log lines are a real cost; the peer and floor log nothing, so neither does ours here.
      LOG_LEVEL: process.env['BENCH_ATLAS_LOG_LEVEL'] ?? 'warn',
      NODE_ENV: 'production',
      // The load generator is one client on one address; a per-client budget would measure itself.
      RATE_LIMIT_COST_PER_MINUTE: '0',
      ...authEnv(name, auth),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  // BENCH_SERVER_LOG_DIR keeps each server's whole output (e.g. with BENCH_NODE_ARGS=--trace-gc) in <dir>/<name>-<pid>.log.
  const logDir = process.env['BENCH_SERVER_LOG_DIR'];
  if (logDir) {
    const log = createWriteStream(path.join(logDir, `${name}-${child.pid}.log`), { flags: 'a' });
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
  }
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} server exited (${child.exitCode}) while starting:\n${output}`);
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > START_TIMEOUT_MS) {
      child.kill('SIGKILL');
      throw new Error(`${name} server did not answer /health within ${START_TIMEOUT_MS / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    name,
    url: `${url}/graphql`,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resident memory of a process in bytes (VmRSS), or 0 where /proc is not readable. */
export async function rssOf(pid: number): Promise<number> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc; undefined where there is no /proc. */
export async function cpuMsOf(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
/** USER_HZ: 100 on every Linux this runs on. */
const CLOCK_TICKS_PER_SECOND = 100;
