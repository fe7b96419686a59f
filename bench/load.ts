import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { DEFAULT_EMBEDDED_HEAP, DEFAULT_EMBEDDED_PAGECACHE } from '../src/config/index.js';
import { Database, migrate } from '../src/database/index.js';
import { startEmbeddedNeo4j } from '../src/database/embedded/index.js';
import { networkLines, planNetwork } from '../src/generator/index.js';
import { importLines } from '../src/interchange/index.js';
import { Progress } from '../src/cli/progress.js';

/**
 * `npm run bench:load -- --entities 1000000 [--seed S] [--batch-size N] [--data-dir DIR]`: generates
 * a synthetic network and streams it through the importer (parse, validate, batched UNWIND writes)
 * into a fresh embedded Neo4j in a temporary folder, then reports items per second, total seconds
 * and peak memory of Node (RSS) and of the Neo4j JVM (VmHWM from /proc). Not a test: run by hand and
 * keep the figures in docs/benchmarks.md.
 */
const MEMORY_SAMPLE_MS = 500;
/** USER_HZ of /proc/PID/stat: 100 on Linux. */
const CLOCK_TICKS_PER_SECOND = 100;

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    'batch-size': { type: 'string' },
    'data-dir': { type: 'string' },
    // Prints the time spent per statement (first line of its Cypher), to see where a load goes.
    profile: { type: 'boolean', default: false },
  },
});
const entities = Number(values.entities);
const seed = Number(values.seed);
const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
const heap = process.env['NEO4J_EMBEDDED_HEAP'] ?? DEFAULT_EMBEDDED_HEAP;
const pageCache = process.env['NEO4J_EMBEDDED_PAGECACHE'] ?? DEFAULT_EMBEDDED_PAGECACHE;

const dataDir = values['data-dir'] ?? (await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-bench-load-')));
const logger = pino({ level: 'warn' });
process.stderr.write(`Starting embedded Neo4j in ${dataDir} (heap ${heap}, page cache ${pageCache})...\n`);
const embedded = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap, pageCache, startTimeoutMs: 180_000, logger });
const driver = neo4j.driver(embedded.uri, neo4j.auth.basic(embedded.username, embedded.password), { disableLosslessIntegers: true });
// Batches are large: give a transaction more time than an API request gets.
const statementMs = new Map<string, { ms: number; count: number }>();
const plainDb = new Database(driver, { database: undefined, queryTimeoutMs: 300_000 });
const db = values.profile
  ? plainDb.withObserver(({ cypher, ms }) => {
    const key = cypher.replace(/\s+/g, ' ').slice(0, 90);
    const entry = statementMs.get(key) ?? { ms: 0, count: 0 };
    entry.ms += ms;
    entry.count++;
    statementMs.set(key, entry);
  })
  : plainDb;
if (values.profile) {
  // Whole write transactions (statements + commit): what the statements leave over is the commit.
  const writeTransaction = db.writeTransaction.bind(db);
  db.writeTransaction = async (work) => {
    const started = performance.now();
    try {
      return await writeTransaction(work);
    } finally {
      const entry = statementMs.get('(write transactions, with commit)') ?? { ms: 0, count: 0 };
      entry.ms += performance.now() - started;
      entry.count++;
      statementMs.set('(write transactions, with commit)', entry);
    }
  };
}

/** Peak resident memory of a process in bytes (VmHWM), or undefined where /proc is not readable. */
async function peakRss(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/PID/stat; undefined where unreadable. */
async function cpuSeconds(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Names of the online indexes (constraint-backed ones included). */
async function indexNames(): Promise<string[]> {
  const { records } = await db.read<{ name: string }>("SHOW INDEXES YIELD name, state WHERE state = 'ONLINE' RETURN name ORDER BY name");
  return records.map((r) => r.get('name'));
}

let nodePeak = 0;
const sampler = setInterval(() => {
  nodePeak = Math.max(nodePeak, process.memoryUsage().rss);
}, MEMORY_SAMPLE_MS);
const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 1024 / 1024)} MB`);

try {
  await migrate(db, logger);
  const indexesBefore = await indexNames();
  const plan = planNetwork(entities);
  const progress = new Progress('records', undefined);
  let records = 0;
  const started = performance.now();
  const jvmCpuBefore = await cpuSeconds(embedded.pid);
  const nodeCpuBefore = process.cpuUsage();
  const loadBefore = os.loadavg()[0]!;
  const summary = await importLines(db, (async function* () {
    for (const line of networkLines({ entities, seed })) {
      records++;
      progress.update(records, records);
      yield line;
    }
  })(), { batchSize });
  const seconds = (performance.now() - started) / 1000;
  const jvmCpuAfter = await cpuSeconds(embedded.pid);
  const nodeCpu = process.cpuUsage(nodeCpuBefore);
  const loadAfter = os.loadavg()[0]!;
  progress.finish();
  nodePeak = Math.max(nodePeak, process.memoryUsage().rss, (await peakRss(process.pid)) ?? 0);
  const { records: counted } = await db.read<{ nodes: number; relationships: number }>(
    'MATCH (n:Entity) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
  );
  // The importer sets secondary indexes aside during a first load: all must be back, and online.
  const indexesAfter = await indexNames();
  const indexesMissing = indexesBefore.filter((name) => !indexesAfter.includes(name));
  const nodes = counted[0]!.get('nodes');
  const relationships = counted[0]!.get('relationships');
  const items = nodes + relationships;
  const lines = [
    `entities requested: ${entities} (plan: ${JSON.stringify(plan)})`,
    `loaded: ${nodes} entities + ${relationships} relationships = ${items} items, ${summary.rejected} rejected`,
    `indexes: ${indexesAfter.length} online after the load${indexesMissing.length > 0 ? `, MISSING: ${indexesMissing.join(', ')}` : ', none missing'}`,
    `total: ${seconds.toFixed(1)} s, ${Math.round(items / seconds).toLocaleString('en')} items/s (${Math.round(nodes / seconds).toLocaleString('en')} entities/s)`,
    `peak memory: Node RSS ${mb(nodePeak)}, Neo4j JVM RSS ${mb(await peakRss(embedded.pid))} (heap ${heap}, page cache ${pageCache})`,
    // CPU used by the load itself: steadier than seconds when other work shares the machine.
    `cpu: Neo4j JVM ${jvmCpuBefore === undefined || jvmCpuAfter === undefined ? 'n/a' : `${(jvmCpuAfter - jvmCpuBefore).toFixed(1)} s`}, Node ${((nodeCpu.user + nodeCpu.system) / 1e6).toFixed(1)} s; load average (1 min) ${loadBefore.toFixed(1)} at start, ${loadAfter.toFixed(1)} at end`,
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const top = [...statementMs].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
  for (const [key, { ms, count }] of top) process.stdout.write(`${(ms / 1000).toFixed(1).padStart(7)} s ${String(count).padStart(6)}× ${key}\n`);
  if (summary.rejected > 0 || indexesMissing.length > 0) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  await driver.close();
  await embedded.stop();
  if (!values['data-dir']) await rm(dataDir, { recursive: true, force: true });
}
