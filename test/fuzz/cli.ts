import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { DEFAULT_OPERATION_LIMITS, type Config } from '../../src/config/index.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/database/embedded/index.js';
import { Database, migrate } from '../../src/database/index.js';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { describeDifference, runFuzz } from './differential.js';
import { collectPools, loadFuzzData } from './fuzzData.js';

const USAGE = `Usage: npm run fuzz -- [--documents N] [--seed S] [--from I] [--max-differences M] [--inject-fault]

Generates N documents from the schema (seed S) and asks each of the fast path (look-ahead) and the
reference path (LOOKAHEAD off) over the demo story and a small generated network; any difference
is shrunk and printed, and the command exits 1. --from I starts at document I of the seed (documents
are numbered and each is a pure function of seed and number), so a long run can go on in parts. Uses its own embedded Neo4j in a temporary folder,
or the database named by NEO4J_URI (NEO4J_USERNAME, NEO4J_PASSWORD), into which it loads the data.`;

/** Generous, and the same on both paths: a timeout on one path only would read as a difference. */
const QUERY_TIMEOUT_MS = 120_000;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      documents: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      from: { type: 'string', default: '0' },
      'max-differences': { type: 'string', default: '5' },
      'inject-fault': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const documents = Number(values.documents);
  const seed = Number(values.seed);
  const maxDifferences = Number(values['max-differences']);
  const from = Number(values.from);
  if (![documents, seed, maxDifferences, from].every((n) => Number.isInteger(n) && n >= 0)) {
    console.error(`--documents, --seed, --from and --max-differences must be whole numbers.\n\n${USAGE}`);
    return 2;
  }

  const logger = pino({ level: process.env['LOG_LEVEL'] ?? 'warn' });
  let embedded: EmbeddedNeo4j | undefined;
  let dataDir: string | undefined;
  const servers: RunningServer[] = [];
  let driver: ReturnType<typeof neo4j.driver> | undefined;
  try {
    let target: { uri: string; username: string; password: string };
    if (process.env['NEO4J_URI']) {
      target = { uri: process.env['NEO4J_URI'], username: process.env['NEO4J_USERNAME'] ?? 'neo4j', password: process.env['NEO4J_PASSWORD'] ?? '' };
    } else {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-fuzz-'));
      embedded = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap: '1g', pageCache: '512m', startTimeoutMs: 180_000, logger });
      target = embedded;
    }
    driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), { disableLosslessIntegers: true });
    const db = new Database(driver, { database: undefined, queryTimeoutMs: QUERY_TIMEOUT_MS });
    await migrate(db, logger);
    await loadFuzzData(db);

    const config = (lookAhead: boolean): Config => ({
      http: { host: '127.0.0.1', port: 0, corsOrigins: false, introspection: true },
      logLevel: 'silent',
      neo4j: { mode: 'external', uri: target.uri, username: target.username, password: target.password, database: undefined },
      queryTimeoutMs: QUERY_TIMEOUT_MS,
      shutdownTimeoutMs: 2_000,
      bulkTimeoutMs: QUERY_TIMEOUT_MS,
      lookAhead,
      oneStatementWrites: lookAhead,
      mutationsTogether: lookAhead,
      // The reference path executes with graphql-js, the fast path with the compiled executor.
      executor: lookAhead ? 'compiled' : 'graphql-js',
      // and the HTTP request on the direct path against Express's.
      httpPipeline: lookAhead ? 'direct' : 'express',
      auth: { anonymousRole: 'admin' },
      requestTimeoutMs: QUERY_TIMEOUT_MS,
      // The fuzzer is one client sending many requests; the default limits apply, no rate limit.
      limits: { ...DEFAULT_OPERATION_LIMITS, costPointsPerMinute: 0 },
    });
    const silent = pino({ level: 'silent' });
    // --inject-fault: the fast server shares fetched-ahead pages through the request cache (the defect
    // of issue 11), to see how soon a seed finds it.
    const fast = await startServer({ config: config(true), db, logger: silent, ...(values['inject-fault'] ? { loaderOptions: { cache: true, faultShareFetchedAhead: true } } : {}) });
    servers.push(fast);
    const reference = await startServer({ config: config(false), db, logger: silent });
    servers.push(reference);
    const endpoints = { fast: `${fast.url}/graphql`, reference: `${reference.url}/graphql` };
    const pools = await collectPools(db, endpoints.reference);

    console.log(`fuzzing ${documents} documents of seed ${seed}, from document ${from}`);
    const report = await runFuzz({
      endpoints, pools, seed, documents, from, maxDifferences,
      onProgress: (done, so) => {
        if (done % 100 === 0) console.log(`  ${done} documents, ${so.differences.length} differences, ${so.internalErrors.length} internal errors`);
      },
    });
    for (const difference of report.differences) console.log(`\n${describeDifference(difference, seed)}`);
    for (const internal of report.internalErrors.slice(0, 5)) console.log(`\ninternal error in document ${internal.index}: ${JSON.stringify(internal.answer.errors)}\n${internal.case.query}`);
    console.log(`slowest documents: ${report.slowest.map((s) => `#${s.index} ${s.milliseconds} ms`).join(', ')}`);
    console.log(`\n${report.documents} documents (seed ${seed}, documents ${from} to ${from + report.documents - 1}) in ${(report.milliseconds / 1000).toFixed(1)} s: ${report.differences.length} differences, ${report.internalErrors.length} with internal errors, ${report.errorAnswers} answers with (identical) errors`);
    return report.differences.length > 0 || report.internalErrors.length > 0 ? 1 : 0;
  } finally {
    for (const server of servers) await server.stop();
    await driver?.close();
    await embedded?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(2);
});
