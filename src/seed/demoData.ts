import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../config/index.js';
import type { Database } from '../database/index.js';
import { awaitSearchIndex, linkRelationship, upsertEntity } from '../graph/index.js';
import { InputError, parseNativeRecord, type ValidEntity, type ValidRelationship } from '../validation/index.js';

/** The demo story (see "The story in the data" in the design), in Scam Atlas's own JSONL format. */
export const DEMO_DATA_FILE = path.join(projectRoot, 'data', 'demo', 'story.jsonl');

export interface SeedReport {
  entities: number;
  relationships: number;
}

/** Reads and validates the whole file first: a bad line stops the seed before anything is written. */
export async function readDemoData(file = DEMO_DATA_FILE): Promise<{ entities: ValidEntity[]; relationships: ValidRelationship[] }> {
  const entities: ValidEntity[] = [];
  const relationships: ValidRelationship[] = [];
  const lines = (await readFile(file, 'utf8')).split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      const record = parseNativeRecord(JSON.parse(line));
      if ('entity' in record) entities.push(record.entity);
      else relationships.push(record.relationship);
    } catch (error) {
      const reason = error instanceof InputError || error instanceof SyntaxError ? error.message : String(error);
      throw new Error(`${path.relative(projectRoot, file)} line ${index + 1}: ${reason}`);
    }
  }
  return { entities, relationships };
}

/**
 * Loads the demo story: sources first, then the other entities, then relationships, in one write
 * transaction (all or nothing). Idempotent: everything is upserted by id.
 */
export async function seedDemoData(db: Database, file = DEMO_DATA_FILE): Promise<SeedReport> {
  const { entities, relationships } = await readDemoData(file);
  const ordered = [...entities.filter((e) => e.label === 'Source'), ...entities.filter((e) => e.label !== 'Source')];
  await db.writeTransaction(async (tx) => {
    for (const entity of ordered) await upsertEntity(tx, entity);
    for (const relationship of relationships) await linkRelationship(tx, relationship);
  });
  await awaitSearchIndex(db);
  return { entities: entities.length, relationships: relationships.length };
}

/** True when the graph holds no entity yet (the embedded default's first start). */
export async function isGraphEmpty(db: Database): Promise<boolean> {
  const { records } = await db.read<{ any: boolean }>('MATCH (n:Entity) RETURN count(n) > 0 AS any');
  return records[0]?.get('any') !== true;
}
