import type { Node } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import type { EntityModel } from '../model/index.js';
import { toEntityModel } from './entityRecords.js';

/**
 * Which of these ids are entities, and what are they? One round trip for any number of ids; the
 * caller re-maps by id because Neo4j does not keep UNWIND order.
 */
export async function findEntitiesByIds(db: Database, ids: readonly string[]): Promise<Map<string, EntityModel>> {
  const { records } = await db.read<{ node: Node }>(
    `UNWIND $ids AS id
     MATCH (node:Entity {id: id})
     RETURN node`,
    { ids },
  );
  const byId = new Map<string, EntityModel>();
  for (const record of records) {
    const entity = toEntityModel(record.get('node'));
    byId.set(entity.id, entity);
  }
  return byId;
}
