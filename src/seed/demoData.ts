import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../config/index.js';
import type { Database } from '../database/index.js';
import { awaitSearchIndex, derivedRelationshipId, freshImport, graphHasNoData, linkRelationshipBatch, upsertEntityBatch, type BulkEntity, type BulkRejection, type BulkRelationship } from '../graph/index.js';
import { InputError, parseNativeRecord, type ValidEntity, type ValidRelationship } from '../validation/index.js';

/** The demo story (see "The story in the data" in the design), in Scam Atlas's own JSONL format. */
export const DEMO_DATA_FILE = path.join(projectRoot, 'data', 'demo', 'story.jsonl');

export interface SeedReport {
  entities: number;
  relationships: number;
}

/** The demo story, each record with its line number in the file. */
export interface DemoData {
  entities: Array<{ line: number; entity: ValidEntity }>;
  relationships: Array<{ line: number; relationship: ValidRelationship }>;
}

/** Reads and validates the whole file first: a bad line stops the seed before anything is written. */
export async function readDemoData(file = DEMO_DATA_FILE): Promise<DemoData> {
  const entities: DemoData['entities'] = [];
  const relationships: DemoData['relationships'] = [];
  const lines = (await readFile(file, 'utf8')).split('\n');
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    try {
      const record = parseNativeRecord(JSON.parse(line));
      if ('entity' in record) entities.push({ line: index + 1, entity: record.entity });
      else relationships.push({ line: index + 1, relationship: record.relationship });
    } catch (error) {
      const reason = error instanceof InputError || error instanceof SyntaxError ? error.message : String(error);
      throw new Error(`${path.relative(projectRoot, file)} line ${index + 1}: ${reason}`);
    }
  }
  return { entities, relationships };
}

/**
 * Loads the demo story in one write transaction (all or nothing), with the import's batched writes:
 * one UNWIND statement per kind and relationship type rather than one per record (a few statements
 * instead of more than a hundred: what made the first start slow). The same checks as a mutation;
 * anything refused (a missing source or end) stops the seed and writes nothing. Idempotent:
 * everything is upserted by id.
 */
export async function seedDemoData(db: Database, file = DEMO_DATA_FILE): Promise<SeedReport> {
  const { entities, relationships } = await readDemoData(file);
  const entityItems: BulkEntity[] = entities.map(({ line, entity }) => ({ line, entity }));
  const relationshipItems: BulkRelationship[] = relationships.map(({ line, relationship }) => ({
    line,
    relationship: { ...relationship, id: relationship.id ?? derivedRelationshipId(relationship) },
    explicitId: relationship.id !== undefined,
  }));
  // Into an empty graph (the first start), ids the seed did not write need no existence lookup.
  const empty = await graphHasNoData(db);
  await db.writeTransaction(async (tx) => {
    const now = new Date().toISOString();
    const fresh = empty ? freshImport() : undefined;
    // `final`: nothing comes later, so a missing source or end is refused, not deferred.
    const written = await upsertEntityBatch(tx, entityItems, now, true, fresh);
    refuseIfAny(file, written.rejected);
    const linked = await linkRelationshipBatch(tx, relationshipItems, now, true, fresh);
    refuseIfAny(file, linked.rejected);
  });
  await awaitSearchIndex(db);
  return { entities: entities.length, relationships: relationships.length };
}

function refuseIfAny(file: string, rejected: readonly BulkRejection[]): void {
  if (rejected.length === 0) return;
  const lines = rejected.map((r) => `${path.relative(projectRoot, file)} line ${r.line}: ${r.reason}`);
  throw new Error(`The demo story was not loaded:\n${lines.join('\n')}`);
}

/** True when the graph holds no entity yet (the embedded default's first start). */
export async function isGraphEmpty(db: Database): Promise<boolean> {
  const { records } = await db.read<{ any: boolean }>('MATCH (n:Entity) RETURN count(n) > 0 AS any');
  return records[0]?.get('any') !== true;
}
