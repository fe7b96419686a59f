/**
 * `npm run bench`: Scam Atlas against the Neo4j GraphQL Library (the peer) and hand-written Cypher
 * (the floor), on the same generated network in the same Neo4j.
 *
 *   npm run bench -- [--scale 100k[,1m]] [--duration 8] [--warmup 2] [--concurrency 16] [--rounds 2]
 *                    [--queries recruiterTree,paths,...] [--seed 42] [--role analyst,viewer[,anonymous]]
 *
 * Authenticated: every server verifies the same HS256 tokens and each scenario (--role) sends a token
 * of its role (bench/lib/auth.ts): `analyst` sees every entity, `viewer` does not see victims (the peer
 * applies the same policy as @authorization rules, the floor as filters in <name>.viewer.cypher);
 * dashboards run as investigator in every scenario (exact numbers: the peer cannot k-suppress).
 * `anonymous` (not by default) runs a second Scam Atlas with authentication off, and the floor without
 * a token, to show what verifying a token costs.
 *
 * For each scale: load (once) and open the network, discover each query's variables, start the three
 * servers in their own processes, cross-check that they return the same data (a query whose answers
 * differ gets no numbers and fails the run), warm everything up with one unrecorded pass (each server
 * and query until its pace is steady), then drive
 * each server at fixed concurrency after a warm-up, alternating servers round by round. Writes bench/results/queries-<entities>.json and
 * the table between the bench:queries markers in docs/benchmarks.md.
 */
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { openBenchDatabase } from './lib/dataset.js';
import { drive, postOnce, requestBody, settle, type Measurement } from './lib/drive.js';
import { machineInfo, rewriteReport, writeReport, type QueryResult, type ScaleResult } from './lib/report.js';
import { authorizationHeader, DEFAULT_SCENARIOS, hidesVictims, isScenario, roleOf, SCENARIOS, type Scenario } from './lib/auth.js';
import { startServerProcess, type ServerProcess } from './lib/servers.js';
import { BENCH_QUERIES, type BenchQuery, type QueryVariables, type ServerName } from './queries/index.js';

/**
 * The unrecorded pass over every query and server before the measured rounds: chunks of
 * WARM_UP_PASS_SECONDS until two in a row agree on throughput within WARM_UP_STEADY_SHARE (at most
 * WARM_UP_PASS_MAX_CHUNKS). A fixed 5 s left a heavy query's first measured round at 1M running at
 * a third of its second's pace (Neo4j's JIT and caches still settling on that statement).
 */
const WARM_UP_PASS_SECONDS = 5;
const WARM_UP_STEADY_SHARE = 0.1;
const WARM_UP_PASS_MAX_CHUNKS = 4;
/** Too few requests in a chunk to judge its pace (a peer's query of seconds): two chunks do. */
const WARM_UP_MIN_REQUESTS = 50;
/**
 * Before that pass, a freshly started Neo4j is driven with every query of Scam Atlas and the floor,
 * WARM_UP_DATABASE_SECONDS_PER_QUERY each, round and round until WARM_UP_DATABASE_SECONDS have
 * passed: its first minute under load ran a heavy statement at a third of its later pace whatever
 * the statement (JIT, the page cache filling, G1 sizing its young generation), which a per-query
 * warm-up reads as steady.
 */
const WARM_UP_DATABASE_SECONDS = 60;
const WARM_UP_DATABASE_SECONDS_PER_QUERY = 2;
const USAGE = `npm run bench -- [--scale 100k[,1m]] [--duration S] [--warmup S] [--concurrency N] [--rounds N] [--queries a,b] [--seed N] [--role ${SCENARIOS.join(',')}] [--check-only] [--report-only]

  --role   the scenarios, each with a token of its role (default ${DEFAULT_SCENARIOS.join(',')}):
             analyst    sees every entity (dashboards as investigator: exact, as the peer can answer)
             viewer     victims and accounts held only by victims do not exist (dashboards as investigator)
             anonymous  Scam Atlas with authentication off (anonymous admin) and the floor without a token:
                        the baseline for what token verification costs; no peer
  --check-only  cross-check the servers' answers in every scenario, measure nothing, write no report
  --report-only  measure nothing: rebuild docs/benchmarks.md's tables from bench/results`;
const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100k' },
    duration: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '2' },
    queries: { type: 'string' },
    seed: { type: 'string', default: '42' },
    role: { type: 'string', default: DEFAULT_SCENARIOS.join(',') },
    'check-only': { type: 'boolean', default: false },
    'report-only': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
if (values['report-only']) {
  process.stdout.write(`${rewriteReport()} rebuilt from bench/results\n`);
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
const scenarios: Scenario[] = values.role.split(',').map((text) => {
  const name = text.trim();
  if (!isScenario(name)) throw new Error(`--role: unknown scenario "${name}"; known: ${SCENARIOS.join(', ')}`);
  return name;
});
const log = (line: string) => process.stdout.write(`${line}\n`);
const fmtMs = (ms: number | undefined) => (ms === undefined ? 'n/a' : `${ms.toFixed(1)} ms`);

function bodyFor(query: BenchQuery, server: ServerName, variables: QueryVariables): string {
  if (server === 'floor') return requestBody(undefined, query.operationName, variables.floor);
  if (server === 'peer') return requestBody(query.peer, query.operationName, variables.peer ?? {});
  return requestBody(query.atlas, query.operationName, variables.atlas);
}

/** The servers a query runs on: the peer only where it can express the query, and not without a token (its rules need one). */
const serversOf = (query: BenchQuery, scenario: Scenario): ServerName[] => (query.peer === undefined || scenario === 'anonymous' ? ['atlas', 'floor'] : ['atlas', 'peer', 'floor']);

/** The processes under test: one per server, and the Scam Atlas with authentication off for the anonymous scenario. */
interface RunningServers {
  byName: Record<ServerName, ServerProcess>;
  anonymousAtlas: ServerProcess | undefined;
}
function serverFor(running: RunningServers, scenario: Scenario, name: ServerName): ServerProcess {
  if (scenario === 'anonymous' && name === 'atlas') return running.anonymousAtlas!;
  return running.byName[name];
}

/** What a scenario's requests carry for a query: its token, or nothing. */
const headersFor = (scenario: Scenario, query: BenchQuery) => authorizationHeader(roleOf(scenario, query));
const keyOf = (scenario: Scenario, query: BenchQuery) => `${scenario}/${query.name}`;

/** Answers once on every server; the normalised answers must be equal. */
async function crossCheck(query: BenchQuery, scenario: Scenario, variables: QueryVariables, running: RunningServers): Promise<{ ok: boolean; roundTrips: Partial<Record<ServerName, number>>; detail: string }> {
  const answers: Partial<Record<ServerName, unknown>> = {};
  const roundTrips: Partial<Record<ServerName, number>> = {};
  const problems: string[] = [];
  const headers = await headersFor(scenario, query);
  for (const server of serversOf(query, scenario)) {
    // Twice: a server's first request may pay one-off statements (the peer checks the Neo4j version).
    await postOnce(serverFor(running, scenario, server), bodyFor(query, server, variables), headers);
    const { status, json, roundTrips: trips } = await postOnce(serverFor(running, scenario, server), bodyFor(query, server, variables), headers);
    roundTrips[server] = trips;
    if (status !== 200 || json.errors) {
      problems.push(`${server} answered ${status} with errors: ${JSON.stringify(json.errors ?? json).slice(0, 600)}`);
      continue;
    }
    const normalise = query.normalise[server] ?? query.normalise.atlas;
    answers[server] = normalise(json.data);
  }
  const reference = answers.atlas;
  for (const server of serversOf(query, scenario)) {
    // Without atlas's answer (its errors are reported above) there is nothing to compare with.
    if (server === 'atlas' || !(server in answers) || reference === undefined) continue;
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

/** Measures one scale; undefined with --check-only (then only the cross-check ran). */
async function benchScale(entities: number): Promise<ScaleResult | undefined> {
  log(`\n=== ${entities.toLocaleString('en')} entities ===`);
  const database = await openBenchDatabase(entities, options.seed, log);
  const started: ServerProcess[] = [];
  const start = async (name: ServerName, auth: 'token' | 'anonymous' = 'token') => {
    const server = await startServerProcess(name, database, auth);
    started.push(server);
    return server;
  };
  try {
    // Variables per scenario: a viewer's must exist for a viewer; the anonymous baseline asks what the analyst asks.
    const discovered = new Map<string, QueryVariables>();
    for (const scenario of scenarios) {
      for (const query of queries) {
        const variables = scenario === 'anonymous' && discovered.has(keyOf('analyst', query))
          ? discovered.get(keyOf('analyst', query))!
          : await query.discover(database.driver, hidesVictims(scenario));
        discovered.set(keyOf(scenario, query), variables);
        log(`${scenario} ${query.name}: ${variables.note}`);
      }
    }
    const variablesOf = (scenario: Scenario, query: BenchQuery) => discovered.get(keyOf(scenario, query))!;
    const running: RunningServers = {
      byName: { atlas: await start('atlas'), peer: await start('peer'), floor: await start('floor') },
      anonymousAtlas: scenarios.includes('anonymous') ? await start('atlas', 'anonymous') : undefined,
    };
    log(`servers: ${started.map((s) => `${s === running.anonymousAtlas ? 'atlas (auth off)' : s.name} ${s.url} (pid ${s.pid})`).join(', ')}`);

    const results: QueryResult[] = [];
    const runs = new Map<string, Measurement[]>();
    const checks = new Map<string, Awaited<ReturnType<typeof crossCheck>>>();
    for (const scenario of scenarios) {
      for (const query of queries) {
        const check = await crossCheck(query, scenario, variablesOf(scenario, query), running);
        checks.set(keyOf(scenario, query), check);
        log(`cross-check ${scenario} ${query.name}: ${check.ok ? 'same data' : `MISMATCH\n${check.detail}`}`);
      }
    }
    if (values['check-only']) {
      if ([...checks.values()].some((check) => !check.ok)) failed = true;
      return undefined;
    }
    // One unrecorded pass over every query and server first: a freshly started Neo4j runs slow
    // until its JIT and page cache warm up, and would otherwise charge that to round 1's first server.
    const warmUpStarted = performance.now();
    const warmUpSeconds = () => (performance.now() - warmUpStarted) / 1000;
    const warmingScenario = scenarios[0]!;
    const warmable = queries.filter((query) => checks.get(keyOf(warmingScenario, query))!.ok);
    while (warmable.length > 0 && warmUpSeconds() < WARM_UP_DATABASE_SECONDS) {
      for (const query of warmable) {
        const headers = await headersFor(warmingScenario, query);
        for (const server of serversOf(query, warmingScenario).filter((name) => name !== 'peer')) {
          await drive(serverFor(running, warmingScenario, server), bodyFor(query, server, variablesOf(warmingScenario, query)), { connections: options.concurrency, seconds: WARM_UP_DATABASE_SECONDS_PER_QUERY, headers });
        }
      }
    }
    log(`database warm-up done (${warmUpSeconds().toFixed(0)} s)`);
    for (const scenario of scenarios) {
      for (const query of queries) {
        if (!checks.get(keyOf(scenario, query))!.ok) continue;
        const headers = await headersFor(scenario, query);
        for (const server of serversOf(query, scenario)) {
          await settle(database.pid);
          const paces: number[] = [];
          let fewRequests = false;
          do {
            const m = await drive(serverFor(running, scenario, server), bodyFor(query, server, variablesOf(scenario, query)), { connections: options.concurrency, seconds: WARM_UP_PASS_SECONDS, headers });
            paces.push(m.throughput);
            fewRequests = m.requests < WARM_UP_MIN_REQUESTS;
          } while (paces.length < WARM_UP_PASS_MAX_CHUNKS && !(fewRequests ? paces.length >= 2 : steady(paces)));
          log(`warm-up ${scenario.padEnd(9)} ${query.name.padEnd(22)} ${server.padEnd(5)} req/s per ${WARM_UP_PASS_SECONDS} s: ${paces.map((pace) => pace.toFixed(0)).join(', ')}${steady(paces) || fewRequests ? '' : ' (not steady)'}`);
        }
      }
    }
    log('warm-up pass done');
    for (let round = 0; round < options.rounds; round++) {
      for (const query of queries) {
        // Scenarios of one query back to back: their differences (what verifying and filtering cost) see the same machine.
        for (const scenario of scenarios) {
          if (!checks.get(keyOf(scenario, query))!.ok) continue;
          const headers = await headersFor(scenario, query);
          // Rotate the order each round so drift (other jobs on the machine, JIT, caches) hits all alike.
          const order = serversOf(query, scenario);
          const rotated = order.map((_, i) => order[(i + round) % order.length]!);
          for (const server of rotated) {
            const body = bodyFor(query, server, variablesOf(scenario, query));
            const target = serverFor(running, scenario, server);
            await settle(database.pid);
            await drive(target, body, { connections: options.concurrency, seconds: options.warmup, headers });
            const m = await drive(target, body, { connections: options.concurrency, seconds: options.duration, neo4jPid: database.pid, headers });
            const key = `${keyOf(scenario, query)}/${server}`;
            runs.set(key, [...(runs.get(key) ?? []), m]);
            log(`round ${round + 1} ${scenario.padEnd(9)} ${query.name.padEnd(22)} ${server.padEnd(5)} ${m.throughput.toFixed(0).padStart(6)} req/s  p50 ${String(m.p50).padStart(5)} ms  p99 ${String(m.p99).padStart(5)} ms  errors ${m.errors}  CPU/request: server ${fmtMs(m.cpuMsPerRequest.server)}, Neo4j ${fmtMs(m.cpuMsPerRequest.neo4j)}`);
          }
        }
      }
    }
    for (const scenario of scenarios) {
      for (const query of queries) {
        const check = checks.get(keyOf(scenario, query))!;
        const measured: Partial<Record<ServerName, Measurement & { roundTrips: number }>> = {};
        if (check.ok) {
          for (const server of serversOf(query, scenario)) {
            measured[server] = { ...combine(runs.get(`${keyOf(scenario, query)}/${server}`) ?? []), roundTrips: check.roundTrips[server] ?? NaN };
          }
        }
        results.push({
          scenario, role: roleOf(scenario, query) ?? 'none (authentication off)',
          query: query.name, title: query.title, variables: variablesOf(scenario, query).note,
          crossCheck: check.ok ? 'same data' : 'MISMATCH', mismatch: check.ok ? undefined : check.detail, servers: measured,
        });
      }
    }
    return { entities, relationships: database.counts.relationships, loadedEntities: database.counts.entities, options: { ...options, scenarios }, machine: await machineInfo(database.driver, database.memory), at: new Date().toISOString(), results };
  } finally {
    for (const server of started) await server.stop();
    await database.stop();
  }
}

/** The last two warm-up chunks' throughputs agree within WARM_UP_STEADY_SHARE. */
function steady(paces: number[]): boolean {
  if (paces.length < 2) return false;
  const [before, last] = [paces.at(-2)!, paces.at(-1)!];
  return Math.abs(last - before) <= WARM_UP_STEADY_SHARE * Math.max(last, before);
}

let failed = false;
for (const entities of scales) {
  const result = await benchScale(entities);
  if (result === undefined) continue;
  const files = await writeReport(result);
  log(`wrote ${files.join(', ')}`);
  const mismatched = result.results.filter((r) => r.crossCheck !== 'same data');
  if (mismatched.length > 0) {
    failed = true;
    process.stderr.write(`\nCROSS-CHECK FAILED at ${entities} entities for: ${mismatched.map((r) => `${r.scenario ?? ''} ${r.query}`).join(', ')} — no numbers reported for them.\n`);
  }
}
process.exit(failed ? 1 : 0);
