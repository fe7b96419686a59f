import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase, startApp, type App } from '../../src/app.js';
import { connectDatabase, type Database } from '../../src/database/index.js';
import { copyPreparedStore, prepareStore, preparedStoreKey } from '../../src/database/embedded/index.js';
import { embeddedTestConfig } from '../support/testApi.js';

/**
 * The prepared store (src/database/embedded/preparedStore.ts) is a fast path for the first start:
 * a first start from it must hold the same graph and schema as a first start that migrates and
 * seeds (the reference path, run here to make the store), and the store must stop fitting as soon
 * as anything that decides its contents changes.
 */
const TEST_TIMEOUT_MS = 240 * 1000;

interface GraphDump {
  nodes: string[];
  relationships: string[];
  schema: string[];
}

/** Everything stored, as sorted lines: labels and properties of every node and relationship, and the schema. */
async function dumpGraph(db: Database): Promise<GraphDump> {
  const nodes = await db.read('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props');
  const relationships = await db.read('MATCH (a)-[r]->(b) RETURN type(r) AS type, properties(r) AS props, properties(a) AS a, properties(b) AS b');
  const indexes = await db.read('SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state RETURN *');
  const constraints = await db.read('SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN *');
  const lines = (records: Array<{ toObject(): object }>) => records.map((r) => JSON.stringify(sortKeys(r.toObject()))).sort();
  return { nodes: lines(nodes.records), relationships: lines(relationships.records), schema: [...lines(indexes.records), ...lines(constraints.records)] };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object' && value.constructor === Object) {
    return Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, sortKeys(v)]));
  }
  return value;
}

describe('a first start from the prepared store', () => {
  let workDir: string;
  let storeDir: string;
  let reference: GraphDump;
  let app: App | undefined;
  const logLines: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) });

  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-prepared-'));
    storeDir = path.join(workDir, 'stores');
    // The reference path: a first start that migrates and seeds, made into the prepared store.
    const made = await prepareStore(async (dataDir) => {
      const connection = await connectDatabase(embeddedTestConfig(dataDir, { preparedStoreDir: storeDir }), logger);
      try {
        await prepareDatabase(connection, logger);
        reference = await dumpGraph(connection.db);
      } finally {
        await connection.close();
      }
    }, { dir: storeDir, logger });
    expect(made).toEqual({ key: await preparedStoreKey(), made: true });
  }, TEST_TIMEOUT_MS);

  afterAll(async () => {
    await app?.stop();
    await rm(workDir, { recursive: true, force: true });
  }, TEST_TIMEOUT_MS);

  it('holds the same graph and schema as a start that migrates and seeds, and answers with its own password', async () => {
    expect(reference.nodes.length).toBeGreaterThan(40);
    const dataDir = path.join(workDir, 'first-start');
    logLines.length = 0;
    app = await startApp(embeddedTestConfig(dataDir, { preparedStore: true, preparedStoreDir: storeDir }, { auth: { anonymousRole: 'analyst' } }), logger);
    const log = logLines.join('');
    expect(log).toContain('first start from the prepared store');
    expect(log).not.toContain('demo story loaded into');
    expect(log).toMatch(/"applied":0,"alreadyApplied":\d+/);
    expect(await dumpGraph(app.connection.db)).toEqual(reference);
    const response = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ node(id: "person:ug-victim-1") { ... on Person { journey { seq } } } }' }),
    });
    expect(await response.json()).toMatchObject({ data: { node: { journey: [{ seq: 1 }, { seq: 2 }, { seq: 3 }, { seq: 4 }] } } });
    // Only the store was copied (the folder made its own password), and no half copy is left.
    const names = await readdir(dataDir);
    expect(names).toEqual(expect.arrayContaining(['.scam-atlas-password', 'data', 'logs']));
    expect(names.filter((name) => name.includes('copying'))).toEqual([]);
    await app.stop();
    app = undefined;
  }, TEST_TIMEOUT_MS);

  it('is never copied over a store that exists, nor when it was made for other sources', async () => {
    const existing = path.join(workDir, 'first-start');
    expect(await copyPreparedStore(existing, { dir: storeDir, logger })).toBe(false);
    const other = path.join(workDir, 'other-sources');
    expect(await copyPreparedStore(other, { dir: storeDir, key: 'made-for-other-sources', logger })).toBe(false);
    expect(await readdir(other).catch(() => [])).toEqual([]);
  });

  it('is named after everything that decides what a first start writes, and nothing else', async () => {
    const root = path.join(workDir, 'checkout');
    const write = async (file: string, text: string) => {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    };
    await write('neo4j/migrations/0001_a.cypher', 'CREATE INDEX a IF NOT EXISTS FOR (n:A) ON (n.a);');
    await write('data/demo/story.jsonl', '{}\n');
    await write('src/graph/writes.ts', 'export const x = 1;');
    await write('src/resolvers/query.ts', 'export const y = 1;');
    const base = await preparedStoreKey(root);
    expect(await preparedStoreKey(root)).toBe(base);
    await write('src/resolvers/query.ts', 'export const y = 2;');
    expect(await preparedStoreKey(root)).toBe(base);
    for (const [file, text] of [
      ['neo4j/migrations/0002_b.cypher', 'CREATE INDEX b IF NOT EXISTS FOR (n:B) ON (n.b);'],
      ['data/demo/story.jsonl', '{"kind":"Source"}\n'],
      ['src/graph/writes.ts', 'export const x = 2;'],
      ['neo4j/lib/.installed', 'another Neo4j build'],
    ] as const) {
      const before = await preparedStoreKey(root);
      await write(file, text);
      expect(await preparedStoreKey(root), file).not.toBe(before);
    }
  });
});
