/**
 * `npm run bench`: Scam Atlas against the Neo4j GraphQL Library (the peer) and hand-written Cypher
 * (the floor), on the same generated network in the same Neo4j.
 *
 *   npm run bench -- [--scale 100k[,1m]] [--duration 8] [--warmup 2] [--concurrency 16] [--rounds 2]
 *                    [--queries recruiterTree,paths,...] [--seed 42]
 *
 * For each scale: load (once) and open the network, discover each query's variables, start the three
 * servers in their own processes, cross-check that they return the same data (a query whose answers
 * differ gets no numbers and fails the run), warm everything up with one unrecorded pass, then drive
 * each server at fixed concurrency after a warm-up, alternating servers round by round. Writes bench/results/queries-<entities>.json and
 * the table between the bench:queries markers in docs/benchmarks.md.
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { openBenchDatabase } from './lib/dataset.js';
import { drive, postOnce, requestBody, settle, type Measurement } from './lib/drive.js';
import { machineInfo, writeReport, type QueryResult, type ScaleResult } from './lib/report.js';
import { startServerProcess, type ServerProcess } from './lib/servers.js';
import { BENCH_QUERIES, type BenchQuery, type QueryVariables, type ServerName } from './queries/index.js';

/** The unrecorded pass over every query and server before the measured rounds. */
const WARM_UP_PASS_SECONDS = 5;
const USAGE = `npm run bench -- [--scale 100k[,1m]] [--duration S] [--warmup S] [--concurrency N] [--rounds N] [--queries a,b] [--seed N]`;
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100k' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '2' },
    queries: { type: 'string' },
    seed: { type: 'string', default: '42' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

function parseScale(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`--scale: "${text}" is not a size such as 100k, 1m or 250000`);
  const factor = { '': 1, k: 1_000, m: 1_000_000 }[match[2]!.toLowerCase()] ?? 1;
  return Math.round(Number(match[1]) * factor);
}
function positive(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number (got "${text}")`);
  return n;
}

const scales = values.scale.split(',').map(parseScale);
const options = {
  duration: positive('duration', values.duration),
  warmup: positive('warmup', values.warmup),
  concurrency: positive('concurrency', values.concurrency),
  rounds: positive('rounds', values.rounds),
  seed: positive('seed', values.seed),
};
const selected = values.queries ? values.queries.split(',').map((q) => q.trim()) : BENCH_QUERIES.map((q) => q.name);
for (const name of selected) {
  if (!BENCH_QUERIES.some((q) => q.name === name)) throw new Error(`--queries: unknown query "${name}"; known: ${BENCH_QUERIES.map((q) => q.name).join(', ')}`);
}
const queries = BENCH_QUERIES.filter((q) => selected.includes(q.name));
const log = (line: string) => process.stdout.write(`${line}\n`);
const fmtMs = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${ms.toFixed(1)} ms`);

function bodyFor(query: BenchQuery, server: ServerName, variables: QueryVariables): string {
  if (server === 'floor') return requestBody(undefined, query.operationName, variables.floor);
  if (server === 'peer') return requestBody(query.peer, query.operationName, variables.peer ?? {});
  return requestBody(query.atlas, query.operationName, variables.atlas);
}

/** The servers a query runs on: the peer only where it can express the query. */
const serversOf = (query: BenchQuery): ServerName[] => (query.peer === undefined ? ['atlas', 'floor'] : ['atlas', 'peer', 'floor']);

/** Answers once on every server; the normalised answers must be equal. */
async function crossCheck(query: BenchQuery, variables: QueryVariables, servers: Record<ServerName, ServerProcess>): Promise<{ ok: boolean; roundTrips: Partial<Record<ServerName, number>>; detail: string }> {
  const answers: Partial<Record<ServerName, unknown>> = {};
  const roundTrips: Partial<Record<ServerName, number>> = {};
  const problems: string[] = [];
  for (const server of serversOf(query)) {
    // Twice: a server's first request may pay one-off statements (the peer checks the Neo4j version).
    await postOnce(servers[server], bodyFor(query, server, variables));
    const { status, json, roundTrips: trips } = await postOnce(servers[server], bodyFor(query, server, variables));
    roundTrips[server] = trips;
    if (status !== 200 || json.errors) {
      problems.push(`${server} answered ${status} with errors: ${JSON.stringify(json.errors ?? json).slice(0, 600)}`);
      continue;
    }
    const normalise = query.normalise[server] ?? query.normalise.atlas;
    answers[server] = normalise(json.data);
  }
  const reference = answers.atlas;
  for (const server of serversOf(query)) {
    if (server === 'atlas' || !(server in answers)) continue;
    if (!isDeepStrictEqual(answers[server], reference)) {
      problems.push(`${server} differs from atlas:\n  atlas: ${JSON.stringify(reference).slice(0, 800)}\n  ${server}: ${JSON.stringify(answers[server]).slice(0, 800)}`);
    }
  }
  if (reference === undefined || (Array.isArray(reference) && reference.length === 0)) problems.push('atlas returned nothing to compare (empty answer)');
  return { ok: problems.length === 0, roundTrips, detail: problems.join('\n') };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The median of the known values, undefined when none is known. */
const medianOf = (xs: (number | undefined)[]) => {
  const known = xs.filter((x): x is number => x !== undefined);
  return known.length === 0 ? undefined : median(known);
};

function combine(runs: Measurement[]): Measurement {
  return {
    requests: runs.reduce((sum, r) => sum + r.requests, 0),
    throughput: median(runs.map((r) => r.throughput)),
    p50: median(runs.map((r) => r.p50)),
    p90: median(runs.map((r) => r.p90)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    cpuMsPerRequest: { server: medianOf(runs.map((r) => r.cpuMsPerRequest.server)), neo4j: medianOf(runs.map((r) => r.cpuMsPerRequest.neo4j)) },
  };
}

async function benchScale(entities: number): Promise<ScaleResult> {
  log(`\n=== ${entities.toLocaleString('en')} entities ===`);
  const database = await openBenchDatabase(entities, options.seed, log);
  const servers: Partial<Record<ServerName, ServerProcess>> = {};
  try {
    const discovered = new Map<string, QueryVariables>();
    for (const query of queries) {
      const variables = await query.discover(database.driver);
      discovered.set(query.name, variables);
      log(`${query.name}: ${variables.note}`);
    }
    for (const name of ['atlas', 'peer', 'floor'] as const) servers[name] = await startServerProcess(name, database);
    const running = servers as Record<ServerName, ServerProcess>;
    log(`servers: ${Object.values(running).map((s) => `${s.name} ${s.url} (pid ${s.pid})`).join(', ')}`);

    const results: QueryResult[] = [];
    const runs = new Map<string, Measurement[]>();
    const checks = new Map<string, Awaited<ReturnType<typeof crossCheck>>>();
    for (const query of queries) {
      const check = await crossCheck(query, discovered.get(query.name)!, running);
      checks.set(query.name, check);
      log(`cross-check ${query.name}: ${check.ok ? 'same data' : `MISMATCH\n${check.detail}`}`);
    }
    // One unrecorded pass over every query and server first: a freshly started Neo4j runs slow
    // until its JIT and page cache warm up, and would otherwise charge that to round 1's first server.
    for (const query of queries) {
      if (!checks.get(query.name)!.ok) continue;
      for (const server of serversOf(query)) {
        await settle(database.pid);
        await drive(running[server], bodyFor(query, server, discovered.get(query.name)!), { connections: options.concurrency, seconds: WARM_UP_PASS_SECONDS });
      }
    }
    log(`warm-up pass done (${WARM_UP_PASS_SECONDS} s per query and server)`);
    for (let round = 0; round < options.rounds; round++) {
      for (const query of queries) {
        if (!checks.get(query.name)!.ok) continue;
        // Rotate the order each round so drift (other jobs on the machine, JIT, caches) hits all alike.
        const order = serversOf(query);
        const rotated = order.map((_, i) => order[(i + round) % order.length]!);
        for (const server of rotated) {
          const body = bodyFor(query, server, discovered.get(query.name)!);
          await settle(database.pid);
          await drive(running[server], body, { connections: options.concurrency, seconds: options.warmup });
          const m = await drive(running[server], body, { connections: options.concurrency, seconds: options.duration, neo4jPid: database.pid });
          const key = `${query.name}/${server}`;
          runs.set(key, [...(runs.get(key) ?? []), m]);
          log(`round ${round + 1} ${query.name.padEnd(22)} ${server.padEnd(5)} ${m.throughput.toFixed(0).padStart(6)} req/s  p50 ${String(m.p50).padStart(5)} ms  p99 ${String(m.p99).padStart(5)} ms  errors ${m.errors}  CPU/request: server ${fmtMs(m.cpuMsPerRequest.server)}, Neo4j ${fmtMs(m.cpuMsPerRequest.neo4j)}`);
        }
      }
    }
    for (const query of queries) {
      const check = checks.get(query.name)!;
      const measured: Partial<Record<ServerName, Measurement & { roundTrips: number }>> = {};
      if (check.ok) {
        for (const server of serversOf(query)) {
          measured[server] = { ...combine(runs.get(`${query.name}/${server}`) ?? []), roundTrips: check.roundTrips[server] ?? NaN };
        }
      }
      results.push({ query: query.name, title: query.title, variables: discovered.get(query.name)!.note, crossCheck: check.ok ? 'same data' : 'MISMATCH', mismatch: check.ok ? undefined : check.detail, servers: measured });
    }
    return { entities, relationships: database.counts.relationships, loadedEntities: database.counts.entities, options, machine: await machineInfo(database.driver), at: new Date().toISOString(), results };
  } finally {
    for (const server of Object.values(servers)) await server.stop();
    await database.stop();
  }
}

let failed = false;
for (const entities of scales) {
  const result = await benchScale(entities);
  const files = await writeReport(result);
  log(`wrote ${files.join(', ')}`);
  const mismatched = result.results.filter((r) => r.crossCheck !== 'same data');
  if (mismatched.length > 0) {
    failed = true;
    process.stderr.write(`\nCROSS-CHECK FAILED at ${entities} entities for: ${mismatched.map((r) => r.query).join(', ')} — no numbers reported for them.\n`);
  }
}
process.exit(failed ? 1 : 0);
