import { readFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { pino } from 'pino';
import { DEFAULT_EMBEDDED_HEAP, DEFAULT_EMBEDDED_PAGECACHE } from '../src/config/index.js';
import { Database, migrate } from '../src/database/index.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../src/database/embedded/index.js';
import { networkLines, planNetwork } from '../src/generator/index.js';
import { importLines, initialLoad, type ImportSummary, type InitialLoadSummary } from '../src/interchange/index.js';
import { Progress } from '../src/cli/progress.js';

/**
 * `npm run bench:load -- --entities 1000000 [--seed S] [--transactional [--batch-size N] [--profile]] [--data-dir DIR]`:
 * generates a synthetic network and loads it into a fresh embedded Neo4j in a temporary folder:
 * by default as an initial load (Neo4j's bulk importer, src/interchange/initialLoad.ts), with
 * --transactional through the transactional importer (batched UNWIND writes) as `npm run import`
 * without --initial-load does. Reports items per second, seconds (per stage), peak memory of Node
 * (RSS), of the Neo4j JVM (VmHWM from /proc) and of the bulk importer, and CPU seconds. Not a
 * test: run by hand and keep the figures in docs/benchmarks.md.
 */
const MEMORY_SAMPLE_MS = 500;
/** USER_HZ of /proc/PID/stat: 100 on Linux. */
const CLOCK_TICKS_PER_SECOND = 100;

const { values } = parseArgs({
  options: {
    entities: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    transactional: { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    'data-dir': { type: 'string' },
    // Prints the time spent per statement (first line of its Cypher), to see where a transactional load goes.
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
const statementMs = new Map<string, { ms: number; count: number }>();
let embedded: EmbeddedNeo4j | undefined;
let driver: Driver | undefined;

/** Starts the embedded Neo4j over dataDir and connects; batches are large, so transactions get more time than a request. */
async function open(): Promise<Database> {
  process.stderr.write(`Starting embedded Neo4j in ${dataDir} (heap ${heap}, page cache ${pageCache})...\n`);
  embedded = await startEmbeddedNeo4j({ dataDir, boltPort: 0, heap, pageCache, startTimeoutMs: 180_000, logger });
  driver = neo4j.driver(embedded.uri, neo4j.auth.basic(embedded.username, embedded.password), { disableLosslessIntegers: true });
  const plain = new Database(driver, { database: undefined, queryTimeoutMs: 300_000 });
  if (!values.profile) return plain;
  const db = plain.withObserver(({ cypher, ms }) => {
    const key = cypher.replace(/\s+/g, ' ').slice(0, 90);
    const entry = statementMs.get(key) ?? { ms: 0, count: 0 };
    entry.ms += ms;
    entry.count++;
    statementMs.set(key, entry);
  });
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
  return db;
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

/**
 * CPU seconds (user + system) from /proc/PID/stat: of the process itself, and of its children that
 * have ended (the bulk importer's JVM, once it is done); undefined where unreadable.
 */
async function cpuSeconds(pid: number | 'self'): Promise<{ own: number; endedChildren: number } | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime, stime, cutime, cstime are the 12th to 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
    return { own: (fields[11]! + fields[12]!) / CLOCK_TICKS_PER_SECOND, endedChildren: (fields[13]! + fields[14]!) / CLOCK_TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** The bulk importer's own account of its peak memory, from its log. */
async function importerPeakMemory(): Promise<string | undefined> {
  try {
    return /Peak memory usage: (\S+)/.exec(await readFile(path.join(dataDir, 'logs', 'bulk-import.log'), 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

let nodePeak = 0;
const sampler = setInterval(() => {
  nodePeak = Math.max(nodePeak, process.memoryUsage().rss);
}, MEMORY_SAMPLE_MS);
const mb = (bytes: number | undefined) => (bytes === undefined ? 'n/a' : `${Math.round(bytes / 1024 / 1024)} MB`);
const seconds1 = (s: number | undefined) => (s === undefined ? 'n/a' : `${s.toFixed(1)} s`);

try {
  const plan = planNetwork(entities);
  const progress = new Progress('records', undefined);
  let records = 0;
  const selfCpuBefore = await cpuSeconds('self');
  const loadBefore = os.loadavg()[0]!;
  let started = performance.now();
  let summary: ImportSummary | InitialLoadSummary;
  let db: Database;
  let jvmCpuBefore: number | undefined;
  if (values.transactional) {
    db = await open();
    await migrate(db, logger);
    jvmCpuBefore = (await cpuSeconds(embedded!.pid))?.own;
    started = performance.now();
    summary = await importLines(db, (async function* () {
      for (const line of networkLines({ entities, seed })) {
        records++;
        progress.update(records, records);
        yield line;
      }
    })(), { batchSize });
  } else {
    let opened: Database | undefined;
    summary = await initialLoad((function* () {
      for (const text of networkLines({ entities, seed })) {
        records++;
        progress.update(records, records);
        yield { line: records, text };
      }
    })(), {
      dataDir,
      importerHeap: heap,
      logger,
      onStage: (stage, detail) => {
        progress.finish();
        process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${stage}${detail ? ` (${detail})` : ''}\n`);
      },
      // Kept open after the load, to count and check what it built.
      openDatabase: async () => ({ db: (opened = await open()), close: async () => undefined }),
    });
    db = opened!;
    jvmCpuBefore = 0; // the JVM started within the load: all its CPU is the load's
  }
  const seconds = (performance.now() - started) / 1000;
  const jvmCpuAfter = (await cpuSeconds(embedded!.pid))?.own;
  const selfCpuAfter = await cpuSeconds('self');
  const loadAfter = os.loadavg()[0]!;
  progress.finish();
  nodePeak = Math.max(nodePeak, process.memoryUsage().rss, (await peakRss(process.pid)) ?? 0);
  const { records: counted } = await db.read<{ nodes: number; relationships: number }>(
    'MATCH (n:Entity) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
  );
  const { records: indexes } = await db.read<{ name: string; state: string }>('SHOW INDEXES YIELD name, state RETURN name, state ORDER BY name');
  const notOnline = indexes.filter((r) => r.get('state') !== 'ONLINE').map((r) => r.get('name'));
  const nodes = counted[0]!.get('nodes');
  const relationships = counted[0]!.get('relationships');
  const items = nodes + relationships;
  const nodeCpu = selfCpuBefore && selfCpuAfter ? selfCpuAfter.own - selfCpuBefore.own : undefined;
  const importerCpu = selfCpuBefore && selfCpuAfter ? selfCpuAfter.endedChildren - selfCpuBefore.endedChildren : undefined;
  const stages = 'stages' in summary ? Object.entries(summary.stages).map(([stage, s]) => `${stage} ${s.toFixed(1)} s`).join(', ') : undefined;
  const lines = [
    `mode: ${values.transactional ? `transactional (batch size ${batchSize ?? 'default'})` : 'initial load (bulk importer)'}`,
    `entities requested: ${entities} (plan: ${JSON.stringify(plan)})`,
    `loaded: ${nodes} entities + ${relationships} relationships = ${items} items, ${summary.rejected} rejected${'transactionalLines' in summary ? `, ${summary.transactionalLines} lines through the transactional pass` : ''}`,
    `indexes: ${indexes.length}, ${notOnline.length === 0 ? 'all online' : `NOT ONLINE: ${notOnline.join(', ')}`}`,
    `total: ${seconds.toFixed(1)} s, ${Math.round(items / seconds).toLocaleString('en')} items/s (${Math.round(nodes / seconds).toLocaleString('en')} entities/s)`,
    ...(stages ? [`stages: ${stages}`] : []),
    `peak memory: Node RSS ${mb(nodePeak)}, Neo4j JVM RSS ${mb(embedded ? await peakRss(embedded.pid) : undefined)} (heap ${heap}, page cache ${pageCache})` +
      (values.transactional ? '' : `, bulk importer ${(await importerPeakMemory()) ?? 'n/a'} (its own account)`),
    // CPU used by the load itself: steadier than seconds when other work shares the machine.
    `cpu: Node ${seconds1(nodeCpu)} (all threads), Neo4j JVM ${seconds1(jvmCpuBefore === undefined || jvmCpuAfter === undefined ? undefined : jvmCpuAfter - jvmCpuBefore)}` +
      (values.transactional ? '' : `, bulk importer JVM ${seconds1(importerCpu)}`) +
      `; load average (1 min) ${loadBefore.toFixed(1)} at start, ${loadAfter.toFixed(1)} at end`,
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const top = [...statementMs].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12);
  for (const [key, { ms, count }] of top) process.stdout.write(`${(ms / 1000).toFixed(1).padStart(7)} s ${String(count).padStart(6)}× ${key}\n`);
  if (summary.rejected > 0 || notOnline.length > 0) process.exitCode = 1;
} finally {
  clearInterval(sampler);
  await driver?.close();
  await embedded?.stop();
  if (!values['data-dir']) await rm(dataDir, { recursive: true, force: true });
}
