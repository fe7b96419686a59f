/**
 * `npm run bench:compare`: two builds of Scam Atlas (two checkouts, each built with `npm run build`)
 * against the same bench Neo4j, alternated round by round under the same load, one query at a time.
 * Reports each build's server CPU per request (the process's user + system time over the requests
 * it answered), throughput and p50: for a change that moves the server's CPU by a tenth, which the
 * floor's own round-to-round swing in `npm run bench` hides. p99 too (median of the rounds'), and
 * BENCH_NODE_ARGS passes Node flags to both builds, each of which also gets its own `npm start` flags. Each answer is checked error-free first.
 *
 *   npm run bench:compare -- --base /tmp/before [--head .] [--queries fourLevelTree,centreOperators]
 *                            [--rounds 4] [--duration 8] [--scale 100k] [--role analyst]
 *
 * A checkout for the base: `git worktree add /tmp/before <rev> && ln -s "$PWD/node_modules"
 * /tmp/before/node_modules && (cd /tmp/before && npx tsc -p tsconfig.build.json)`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { projectRoot } from '../src/config/index.js';
import type { Role } from '../src/model/index.js';
import { authorizationHeader, BENCH_JWT_SECRET } from './lib/auth.js';
import { openBenchDatabase } from './lib/dataset.js';
import { requestBody } from './lib/drive.js';
import { benchNodeArgs, startFlagsOf } from './lib/servers.js';
import { BENCH_QUERIES } from './queries/index.js';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    head: { type: 'string', default: projectRoot },
    queries: { type: 'string', default: 'fourLevelTree,centreOperators' },
    rounds: { type: 'string', default: '4' },
    duration: { type: 'string', default: '8' },
    scale: { type: 'string', default: '100k' },
    role: { type: 'string', default: 'analyst' },
  },
});
if (!values.base) throw new Error('--base: the checkout to compare with (built), e.g. /tmp/before');
const ENTITIES = Number(values.scale.replace(/k$/i, '000').replace(/m$/i, '000000'));
const ROUNDS = Number(values.rounds);
const SECONDS = Number(values.duration);
const CONNECTIONS = 16;

const database = await openBenchDatabase(ENTITIES, 42, (line) => process.stdout.write(`${line}\n`));

async function startBuild(name: string, checkout: string, port: number): Promise<{ name: string; port: number; child: ChildProcess }> {
  const child = spawn(process.execPath, [...benchNodeArgs(), ...startFlagsOf(checkout), path.join(checkout, 'dist', 'src', 'main.js')], {
    cwd: checkout,
    env: {
      ...process.env, NEO4J_URI: database.uri, NEO4J_USERNAME: database.username, NEO4J_PASSWORD: database.password,
      HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'production', RATE_LIMIT_COST_PER_MINUTE: '0',
      AUTH_JWT_SECRET: BENCH_JWT_SECRET, AUTH_JWKS_URL: '', AUTH_ANONYMOUS_ROLE: 'none',
    },
    stdio: 'inherit',
  });
  for (let tries = 0; ; tries++) {
    if (child.exitCode !== null) throw new Error(`${name} (${checkout}) exited while starting`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) {
        process.stdout.write(`${name}: ${checkout}, pid ${child.pid}\n`);
        return { name, port, child };
      }
    } catch {
      // not listening yet
    }
    if (tries > 2400) throw new Error(`${name} did not answer /health in 10 minutes`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The process's CPU time so far, in ms (utime + stime, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const builds = [await startBuild('base', values.base, 4811), await startBuild('head', values.head, 4812)];
try {
  const headers = { 'content-type': 'application/json', ...(await authorizationHeader(values.role as Role)) };
  for (const name of values.queries.split(',')) {
    const query = BENCH_QUERIES.find((q) => q.name === name);
    if (!query) throw new Error(`--queries: no bench query ${name}`);
    const body = requestBody(query.atlas, query.operationName, (await query.discover(database.driver, values.role === 'viewer')).atlas);
    const load = (port: number, seconds: number) => new Promise<autocannon.Result>((resolve, reject) => {
      autocannon({ url: `http://127.0.0.1:${port}/graphql`, method: 'POST', body, headers, connections: CONNECTIONS, duration: seconds }, (error, result) => (error ? reject(error) : resolve(result)));
    });
    const figures = new Map(builds.map((build) => [build.name, { cpu: [] as number[], rate: [] as number[], p50: [] as number[], p99: [] as number[] }]));
    for (const build of builds) {
      const answer = await (await fetch(`http://127.0.0.1:${build.port}/graphql`, { method: 'POST', body, headers })).json() as { errors?: unknown };
      if (answer.errors) throw new Error(`${build.name} answers ${name} with errors: ${JSON.stringify(answer.errors).slice(0, 300)}`);
      await load(build.port, 3);
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const build of round % 2 === 0 ? builds : [...builds].reverse()) {
        const before = cpuMs(build.child.pid!);
        const result = await load(build.port, SECONDS);
        const mine = figures.get(build.name)!;
        mine.cpu.push((cpuMs(build.child.pid!) - before) / result.requests.total);
        mine.rate.push(result.requests.average);
        mine.p50.push(result.latency.p50);
        mine.p99.push(result.latency.p99);
      }
    }
    for (const [build, mine] of figures) {
      process.stdout.write(`${name.padEnd(20)} ${build.padEnd(5)} server CPU ms/request ${mine.cpu.map((x) => x.toFixed(2)).join(' ')} (median ${median(mine.cpu).toFixed(2)})  req/s ${median(mine.rate).toFixed(0)}  p50 ${median(mine.p50)} ms  p99 ${median(mine.p99)} ms\n`);
    }
  }
} finally {
  for (const build of builds) {
    build.child.kill('SIGTERM');
    if (build.child.exitCode === null) await new Promise((resolve) => build.child.once('exit', resolve));
  }
  await database.stop();
}
