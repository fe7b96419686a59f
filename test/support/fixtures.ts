import type { Database } from '../../src/database/index.js';
import { deleteEntities, linkRelationship, upsertEntity } from '../../src/graph/index.js';
import type { RelationshipType } from '../../src/model/index.js';
import { parseNativeRecord } from '../../src/validation/index.js';
import { seedDemoData } from '../../src/seed/index.js';

/** Writes native-format records (the same shapes as the mutations) in one transaction. */
export async function writeRecords(db: Database, records: Array<Record<string, unknown>>): Promise<void> {
  await db.writeTransaction(async (tx) => {
    for (const raw of records) {
      const record = parseNativeRecord(raw);
      if ('entity' in record) await upsertEntity(tx, record.entity);
      else await linkRelationship(tx, record.relationship);
    }
  });
}

/** Removes every entity whose id starts with the prefix, with its relationships. */
export async function removeByPrefix(db: Database, prefix: string): Promise<void> {
  await db.writeTransaction(async (tx) => {
    const { records } = await tx.run<{ id: string }>('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN n.id AS id', { prefix });
    // Through the graph layer, so the dashboard tallies lose what the test wrote (a bare DETACH DELETE would leave it counted).
    await deleteEntities(tx, records.map((r) => r.get('id')));
  });
}

/** Entities and relationships: the graph, without the audit log's records of the writes that built it. */
export async function countGraph(db: Database): Promise<{ nodes: number; relationships: number }> {
  const { records } = await db.read<{ nodes: number; relationships: number }>(
    'MATCH (n:Entity) WITH count(n) AS nodes OPTIONAL MATCH ()-[r]->() RETURN nodes, count(r) AS relationships',
  );
  return { nodes: records[0]?.get('nodes') ?? 0, relationships: records[0]?.get('relationships') ?? 0 };
}

export const grade = (source: string, reliability = 'B', credibility = 2) => [{ source, reliability, credibility }];

export function rel(type: RelationshipType, from: string, to: string, source: string, extra: Record<string, unknown> = {}) {
  return { type, from, to, provenance: grade(source), ...extra };
}

/** Seeding is a bulk write: on a busy test machine it gets a bulk limit, not the 15 s query limit. */
const TEST_SEED_TIMEOUT_MS = 180_000;

/** The demo story, loaded (idempotently) with a limit fit for a busy machine. */
export function seedStory(db: Database): ReturnType<typeof seedDemoData> {
  return seedDemoData(db.withTransactionTimeout(TEST_SEED_TIMEOUT_MS, 'the test seed limit (test/support/fixtures.ts)'));
}
