/**
 * `npm run bench:paths`: latency of the investigator queries — `paths`, `neighbourhood`,
 * `moneyTrail` — through the real HTTP API on a generated network (1M entities by default).
 * A benchmark, not a test: it prints figures and writes bench/results/paths-<scale>.json.
 *
 *   npm run bench:paths -- [--entities 1000000] [--seed 42] [--samples 200] [--warmup 20]
 *
 * Data: NEO4J_URI when set (assumed loaded); otherwise an embedded Neo4j in .data/bench-<entities>,
 * generated and loaded on first use and reused afterwards (shared with `npm run bench`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { int } from 'neo4j-driver';
import { pino } from 'pino';
import { DEFAULT_OPERATION_LIMITS, projectRoot, type Config } from '../src/config/index.js';
import { Database } from '../src/database/index.js';
import { startServer } from '../src/server/index.js';
import { openBenchDatabase } from './lib/dataset.js';

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '42' },
    samples: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
  },
});
const ENTITIES = Number(values.entities);
const SAMPLES = Number(values.samples);
const WARMUP = Number(values.warmup);
const logger = pino({ level: 'warn' });

/** A deterministic PRNG (mulberry32), so every run asks the same questions. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  // The same data folder (and first-time load) as `npm run bench`: .data/bench-<entities>, or NEO4J_URI.
  const bench = await openBenchDatabase(ENTITIES, Number(values.seed), (line) => process.stdout.write(`${line}\n`));
  const config: Config = {
    http: { host: '127.0.0.1', port: 0, corsOrigins: false, introspection: true },
    logLevel: 'warn',
    neo4j: { mode: 'external', uri: bench.uri, username: bench.username, password: bench.password, database: undefined },
    queryTimeoutMs: 60_000,
    bulkTimeoutMs: 600_000,
    requestTimeoutMs: 120_000,
    // One request at a time, measured: the default operation limits, no rate limiting.
    limits: { ...DEFAULT_OPERATION_LIMITS, costPointsPerMinute: 0 },
    shutdownTimeoutMs: 2_000,
    lookAhead: true, oneStatementWrites: true, mutationsTogether: true,
    executor: 'compiled',
    httpPipeline: 'direct',
    auth: { anonymousRole: 'admin' },
  };
  const db = new Database(bench.driver, { database: undefined, queryTimeoutMs: config.queryTimeoutMs });
  const server = await startServer({ config, db, logger });
  const connection = { db };

  try {
    const rand = random(Number(values.seed));
    const counts = await connection.db.read<{ people: number; accounts: number }>(
      'MATCH (p:Person) WITH count(p) AS people MATCH (a:Account) RETURN people, count(a) AS accounts',
    );
    const people = counts.records[0]?.get('people') ?? 0;
    const accounts = counts.records[0]?.get('accounts') ?? 0;
    process.stdout.write(`Network: ${people} people, ${accounts} accounts.\n`);

    /** Random entities of a label by position in the label scan (stable for a loaded store). */
    const pick = async (label: 'Person' | 'Account', n: number): Promise<string[]> => {
      const total = label === 'Person' ? people : accounts;
      const offsets = Array.from({ length: n }, () => Math.floor(rand() * Math.max(1, total)));
      const ids: string[] = [];
      for (const offset of offsets) {
        const { records } = await connection.db.read<{ id: string }>(`MATCH (n:${label}) RETURN n.id AS id SKIP $skip LIMIT 1`, { skip: int(offset) });
        const id = records[0]?.get('id');
        if (id) ids.push(id);
      }
      return ids;
    };

    /** Pairs joined by a walk of 2–6 hops that avoids countries, so a shortest path of at most that length exists. */
    const pairs: Array<[string, string]> = [];
    const starts = await pick('Person', (SAMPLES + WARMUP) * 2);
    for (const start of starts) {
      if (pairs.length >= SAMPLES + WARMUP) break;
      const hops = 2 + Math.floor(rand() * 5);
      const { records } = await connection.db.read<{ id: string }>(
        `MATCH (a:Entity {id: $id})
         MATCH (a) ((x)-[]-(y) WHERE NOT (y:Location AND y.locationType = 'COUNTRY')){${hops}} (b:Entity)
         WHERE b <> a
         RETURN b.id AS id LIMIT 1`,
        { id: start },
      );
      const end = records[0]?.get('id');
      if (end) pairs.push([start, end]);
    }
    const trailAccounts = await pick('Account', SAMPLES + WARMUP);

    const post = async (query: string, variables: Record<string, unknown>): Promise<{ ms: number; ok: boolean; found: boolean }> => {
      const started = performance.now();
      const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
      const ms = performance.now() - started;
      const value = body.data ? Object.values(body.data)[0] : undefined;
      const found = Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
      return { ms, ok: !body.errors, found };
    };

    const workloads: Array<{ name: string; run: (i: number) => Promise<{ ms: number; ok: boolean; found: boolean }> }> = [
      { name: 'paths (k=3, maxHops=6)', run: (i) => post('query ($a: ID!, $b: ID!) { paths(from: $a, to: $b, k: 3, maxHops: 6) { length nodes { id } steps { forward relationship { id type } } } }', { a: pairs[i % pairs.length]![0], b: pairs[i % pairs.length]![1] }) },
      { name: 'paths (k=1, maxHops=6)', run: (i) => post('query ($a: ID!, $b: ID!) { paths(from: $a, to: $b, k: 1, maxHops: 6) { length nodes { id } } }', { a: pairs[i % pairs.length]![0], b: pairs[i % pairs.length]![1] }) },
      { name: 'neighbourhood (depth 2, limit 100)', run: (i) => post('query ($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 100) { truncated nodes { id kind name } relationships { id type } } }', { id: pairs[i % pairs.length]![0] }) },
      { name: 'moneyTrail (downstream, 4 hops)', run: (i) => post('query ($id: ID!) { moneyTrail(accountId: $id, maxHops: 4) { totalAmountUsd truncated accounts { account { id } hops amountUsd at } transfers { id amountUsd at } } }', { id: trailAccounts[i % trailAccounts.length] }) },
    ];

    const results = [];
    for (const workload of workloads) {
      for (let i = 0; i < WARMUP; i++) await workload.run(i);
      const times: number[] = [];
      let errors = 0;
      let found = 0;
      for (let i = 0; i < SAMPLES; i++) {
        const result = await workload.run(WARMUP + i);
        times.push(result.ms);
        if (!result.ok) errors++;
        if (result.found) found++;
      }
      times.sort((a, b) => a - b);
      const row = { query: workload.name, samples: SAMPLES, p50Ms: +percentile(times, 50).toFixed(1), p99Ms: +percentile(times, 99).toFixed(1), maxMs: +(times.at(-1) ?? NaN).toFixed(1), errors, nonEmpty: found };
      results.push(row);
      process.stdout.write(`${row.query.padEnd(38)} p50 ${String(row.p50Ms).padStart(7)} ms   p99 ${String(row.p99Ms).padStart(7)} ms   errors ${errors}   non-empty ${found}/${SAMPLES}\n`);
    }
    mkdirSync(path.join(projectRoot, 'bench', 'results'), { recursive: true });
    const report = { entities: ENTITIES, people, accounts, machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version }, at: new Date().toISOString(), results };
    writeFileSync(path.join(projectRoot, 'bench', 'results', `paths-${ENTITIES}.json`), `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await server.stop();
    await bench.stop();
  }
}

await main();
