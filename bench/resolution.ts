/**
 * `npm run bench:resolution`: entity resolution on a generated network with planted duplicates
 * (src/generator/duplicates.ts) — precision and recall of `duplicateCandidates` at the default
 * threshold against the planted truth, the time to its first page and to all pages, through the
 * real HTTP API. A benchmark, not a test: it prints figures and writes
 * bench/results/resolution-<entities>.json.
 *
 *   npm run bench:resolution -- [--scale 100k,1m] [--seed 42] [--duplicates N] [--role investigator]
 *
 * Data: an embedded Neo4j in .data/bench-resolution-<entities>-<duplicates>-<seed>, generated and
 * loaded (initial load, the bulk importer) on first use and reused afterwards; the blocking keys
 * are built as a start builds them (timed). `--duplicates` defaults to 1% of the entities.
 * The scoring never sees the truth: it is only read here, to count.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { DEFAULT_DUPLICATE_MIN_SCORE, DEFAULT_EMBEDDED_HEAP, DEFAULT_EMBEDDED_PAGECACHE, DEFAULT_OPERATION_LIMITS, projectRoot, type Config } from '../src/config/index.js';
import { Database, migrate } from '../src/database/index.js';
import { embeddedDatabaseExists, startEmbeddedNeo4j } from '../src/database/embedded/index.js';
import { networkLines, plantDuplicates, type PlantedPair } from '../src/generator/index.js';
import { ensureResolutionKeys } from '../src/graph/index.js';
import { initialLoad } from '../src/interchange/index.js';
import { isRole, type Role } from '../src/model/index.js';
import { startServer } from '../src/server/index.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '100k' },
    seed: { type: 'string', default: '42' },
    duplicates: { type: 'string' },
    role: { type: 'string', default: 'investigator' },
    'page-size': { type: 'string', default: '100' },
  },
});
const SEED = Number(values.seed);
const PAGE_SIZE = Number(values['page-size']);
const ROLE = values.role ?? 'investigator';
if (!isRole(ROLE)) throw new Error(`--role must be one of the roles (got ${ROLE})`);
const KINDS = [['PERSON', 'Person'], ['ACCOUNT', 'Account'], ['ORGANIZATION', 'Organization']] as const;
const logger = pino({ level: 'warn' });
const heap = process.env['NEO4J_EMBEDDED_HEAP'] ?? DEFAULT_EMBEDDED_HEAP;
const pageCache = process.env['NEO4J_EMBEDDED_PAGECACHE'] ?? DEFAULT_EMBEDDED_PAGECACHE;
const log = (line: string) => process.stdout.write(`${line}\n`);

function parseScale(text: string): number {
  const match = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!match) throw new Error(`--scale takes sizes like 100k or 1m (got ${text})`);
  return Math.round(Number(match[1]) * ({ k: 1_000, m: 1_000_000 }[match[2]!.toLowerCase()] ?? 1));
}

const CANDIDATES = `query($kind: EntityKind!, $first: Int, $after: String) {
  duplicateCandidates(kind: $kind, first: $first, after: $after) { skippedBlocks edges { node { a { id } b { id } score reasons } } pageInfo { hasNextPage endCursor } } }`;

interface KindResult { kind: string; pages: number; pairs: number; firstPageMs: number; allPagesMs: number; skippedBlocks: number }

async function benchScale(entities: number): Promise<void> {
  const duplicates = values.duplicates ? Number(values.duplicates) : Math.round(entities / 100);
  const options = { entities, seed: SEED, prefix: 'gen:' };
  const truth: PlantedPair[] = [];
  // The truth alone (the planted records draw from a stream of their own, after the network).
  for (const _record of plantDuplicates(options, duplicates, truth));
  const dataDir = path.join(projectRoot, '.data', `bench-resolution-${entities}-${duplicates}-${SEED}`);
  const marker = path.join(dataDir, 'bench-resolution-loaded.json');
  let loadSeconds: number | null = null;
  if (!existsSync(marker)) {
    if (embeddedDatabaseExists(dataDir)) throw new Error(`${dataDir} holds an unfinished load: delete it and run again`);
    log(`Generating and loading ${entities} entities with ${duplicates} planted duplicate pairs into ${dataDir} (initial load)...`);
    const started = performance.now();
    let line = 0;
    await initialLoad((function* () {
      for (const text of networkLines(options, { count: duplicates, truth: [] })) yield { line: ++line, text };
    })(), {
      dataDir, importerHeap: heap, logger,
      openDatabase: async () => {
        const embedded = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap, pageCache, startTimeoutMs: 180_000, logger });
        const driver = neo4j.driver(embedded.uri, neo4j.auth.basic(embedded.username, embedded.password), { disableLosslessIntegers: true });
        return { db: new Database(driver, { database: undefined, queryTimeoutMs: 600_000 }), close: async () => { await driver.close(); await embedded.stop(); } };
      },
    });
    loadSeconds = (performance.now() - started) / 1000;
    writeFileSync(marker, `${JSON.stringify({ entities, duplicates, seed: SEED, loadedAt: new Date().toISOString(), loadSeconds }, null, 2)}\n`);
    log(`Loaded in ${loadSeconds.toFixed(0)} s.`);
  }

  const embedded = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap, pageCache, startTimeoutMs: 180_000, logger });
  const driver = neo4j.driver(embedded.uri, neo4j.auth.basic(embedded.username, embedded.password), { disableLosslessIntegers: true });
  const db = new Database(driver, { database: undefined, queryTimeoutMs: 600_000 });
  try {
    await migrate(db, logger);
    let started = performance.now();
    const built = await ensureResolutionKeys(db);
    const keysSeconds = built ? (performance.now() - started) / 1000 : null;
    const keyCount = Number((await db.read('MATCH (k:ResolutionKey) RETURN count(k) AS n')).records[0]?.get('n') ?? 0);
    log(`Blocking keys: ${keyCount}${built ? `, built in ${keysSeconds!.toFixed(0)} s` : ' (built before)'}.`);

    const config: Config = {
      http: { host: '127.0.0.1', port: 0, corsOrigins: false, introspection: true },
      logLevel: 'warn',
      neo4j: { mode: 'external', uri: embedded.uri, username: embedded.username, password: embedded.password, database: undefined },
      queryTimeoutMs: 60_000, bulkTimeoutMs: 600_000, requestTimeoutMs: 120_000,
      limits: { ...DEFAULT_OPERATION_LIMITS, costPointsPerMinute: 0 },
      shutdownTimeoutMs: 2_000, lookAhead: true, oneStatementWrites: true, mutationsTogether: true, executor: 'compiled', httpPipeline: 'direct',
      auth: { anonymousRole: ROLE as Role },
    };
    const server = await startServer({ config, db, logger });
    const found = new Map<string, { score: number; reasons: string[] }>();
    const kinds: KindResult[] = [];
    started = performance.now();
    try {
      for (const [kind] of KINDS) {
        let after: string | null = null;
        const kindStarted = performance.now();
        const result: KindResult = { kind, pages: 0, pairs: 0, firstPageMs: 0, allPagesMs: 0, skippedBlocks: 0 };
        for (;;) {
          const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: CANDIDATES, variables: { kind, first: PAGE_SIZE, after } }) });
          const answer = await response.json() as { data?: { duplicateCandidates: { skippedBlocks: number; edges: Array<{ node: { a: { id: string }; b: { id: string }; score: number; reasons: string[] } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } } }; errors?: unknown };
          if (answer.errors || !answer.data) throw new Error(`duplicateCandidates failed: ${JSON.stringify(answer.errors)}`);
          const page = answer.data.duplicateCandidates;
          if (result.pages === 0) result.firstPageMs = performance.now() - kindStarted;
          result.pages++;
          result.skippedBlocks += page.skippedBlocks;
          for (const { node } of page.edges) found.set([node.a.id, node.b.id].sort().join(' '), { score: node.score, reasons: node.reasons });
          result.pairs += page.edges.length;
          if (!page.pageInfo.hasNextPage) break;
          after = page.pageInfo.endCursor;
        }
        result.allPagesMs = performance.now() - kindStarted;
        kinds.push(result);
        log(`${kind}: ${result.pairs} pairs in ${result.pages} pages; first page ${(result.firstPageMs / 1000).toFixed(2)} s, all pages ${(result.allPagesMs / 1000).toFixed(1)} s; ${result.skippedBlocks} blocks skipped.`);
      }
    } finally {
      await server.stop();
    }
    const allSeconds = (performance.now() - started) / 1000;
    const expected = new Map(truth.map((t) => [[t.a, t.b].sort().join(' '), t]));
    const hits = [...found.keys()].filter((pair) => expected.has(pair)).length;
    const precision = found.size === 0 ? 0 : hits / found.size;
    const recall = hits / expected.size;
    const missedByNoise = new Map<string, number>();
    for (const [pair, t] of expected) if (!found.has(pair)) for (const noise of [t.kind, ...t.noise]) missedByNoise.set(noise, (missedByNoise.get(noise) ?? 0) + 1);
    const falsePositives = [...found].filter(([pair]) => !expected.has(pair)).slice(0, 10).map(([pair, s]) => ({ pair, ...s }));
    log(`${entities} entities, ${duplicates} planted pairs, role ${ROLE}, minScore ${DEFAULT_DUPLICATE_MIN_SCORE}: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (${hits} of ${expected.size} found, ${found.size - hits} false); all kinds' pages in ${allSeconds.toFixed(1)} s.`);
    if (missedByNoise.size > 0) log(`Missed, by kind and noise: ${JSON.stringify(Object.fromEntries(missedByNoise))}`);
    const resultsDir = path.join(projectRoot, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = path.join(resultsDir, `resolution-${entities}${ROLE === 'investigator' ? '' : `-${ROLE}`}.json`);
    const earlier = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { loadSeconds?: number | null }) : undefined;
    writeFileSync(file, `${JSON.stringify({
      at: new Date().toISOString(), machine: { cpus: os.cpus().length, loadAverage: os.loadavg()[0] }, entities, duplicates, seed: SEED, role: ROLE,
      minScore: DEFAULT_DUPLICATE_MIN_SCORE, pageSize: PAGE_SIZE, keyCount, keysSeconds, loadSeconds: loadSeconds ?? earlier?.loadSeconds ?? null,
      precision, recall, found: found.size, hits, planted: expected.size, allPagesSeconds: allSeconds, kinds,
      missedByNoise: Object.fromEntries(missedByNoise), falsePositives,
    }, null, 2)}\n`);
    log(`Wrote ${path.relative(projectRoot, file)}.`);
  } finally {
    await driver.close();
    await embedded.stop();
  }
}

for (const scale of (values.scale ?? '100k').split(',')) await benchScale(parseScale(scale));
