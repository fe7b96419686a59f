import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/config/index.js';
import type { Database } from '../../src/database/index.js';
import { importLines, type ImportOptions, type ImportSummary, type Rejection } from '../../src/interchange/index.js';

/** Imports JSON values (or raw text lines) as if they were lines of a file; returns the summary and the rejections. */
export async function importValues(db: Database, values: Array<unknown>, options: ImportOptions = {}): Promise<ImportSummary & { rejections: Rejection[] }> {
  const rejections: Rejection[] = [];
  async function* lines() {
    for (const value of values) yield typeof value === 'string' ? value : JSON.stringify(value);
  }
  const summary = await importLines(db, lines(), {
    ftm: { sourceId: 'source:ftm-test', sourceName: 'FtM test dataset', reliability: 'F', credibility: 6 },
    ...options,
    onReject: (r) => rejections.push(r),
  });
  return { ...summary, rejections };
}

/** Removes every relationship whose id starts with the prefix (ends may belong to other tests). */
export async function removeRelationshipsByPrefix(db: Database, prefix: string): Promise<void> {
  await db.write('MATCH ()-[r]->() WHERE r.id STARTS WITH $prefix DELETE r', { prefix });
}

export interface GraphDump {
  nodes: Array<{ id: string; labels: string[]; properties: Record<string, unknown>; types: string[] }>;
  relationships: Array<{ type: string; from: string; to: string; properties: Record<string, unknown>; types: string[] }>;
}

/** Every node and relationship whose (start) id has the prefix, with property types, without timestamps. */
export async function dumpByPrefix(db: Database, prefix: string): Promise<GraphDump> {
  const nodes = await db.read(
    `MATCH (n:Entity) WHERE n.id STARTS WITH $p
     WITH n, [k IN keys(n) WHERE NOT k IN ['createdAt', 'updatedAt']] AS ks
     RETURN n.id AS id, apoc.coll.sort(labels(n)) AS labels, apoc.map.submap(properties(n), ks) AS properties,
            apoc.coll.sort([k IN ks | k + ':' + valueType(n[k])]) AS types
     ORDER BY id`,
    { p: prefix },
  );
  const relationships = await db.read(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id STARTS WITH $p
     WITH a, r, b, [k IN keys(r) WHERE NOT k IN ['createdAt', 'updatedAt']] AS ks
     RETURN type(r) AS type, a.id AS from, b.id AS to, apoc.map.submap(properties(r), ks) AS properties,
            apoc.coll.sort([k IN ks | k + ':' + valueType(r[k])]) AS types
     ORDER BY r.id, from, to`,
    { p: prefix },
  );
  return {
    nodes: nodes.records.map((r) => r.toObject() as GraphDump['nodes'][number]),
    relationships: relationships.records.map((r) => r.toObject() as GraphDump['relationships'][number]),
  };
}

/** What `npm run ftm:validate` says of a file: the followthemoney library's own `ftm validate`, compared with the input. */
export interface FtmValidation { entities: number; validated: number; dropped: unknown[]; stripped: unknown[]; dangling: unknown[]; error?: string }

/** Runs scripts/ftm-validate.mjs on a file; throws (never skips) when the library cannot be installed. */
export async function ftmValidate(file: string): Promise<FtmValidation> {
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(projectRoot, 'scripts', 'ftm-validate.mjs'), file], { cwd: projectRoot, maxBuffer: 64 * 1024 * 1024 })
    .catch((error: { code: number; stdout: string; stderr: string }) => {
      if (error.code === 2) throw new Error(`the followthemoney library could not be had: ${error.stderr}`);
      return { stdout: error.stdout };
    });
  return JSON.parse(stdout) as FtmValidation;
}
