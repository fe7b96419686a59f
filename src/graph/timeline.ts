import { int, type Node, type Relationship } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import { RELATIONSHIPS, RELATIONSHIP_TYPES, type RelationshipModel, type EntityModel } from '../model/index.js';
import { markLens, visibilityParameters, visibleNodeCondition, visibleRelationshipCondition, type Visibility } from '../policy/index.js';
import { toEntityModel, toRelationshipModel } from './records.js';

/**
 * The dated events around an entity: its relationships that carry a date (each type's
 * `dateProperty` in the domain model), in time order, then by id. The first 10 characters of the
 * date are the day; a transfer's instant sorts within its day by the whole instant.
 */
export interface TimelineEvent {
  at: string;
  direction: 'OUTGOING' | 'INCOMING';
  relationship: RelationshipModel;
  other: EntityModel;
}

/** `CASE type(r) WHEN 'RECRUITED' THEN r.date … END`: the date of each dated type, from the model's constants. */
const DATE_OF_RELATIONSHIP = `CASE type(r) ${RELATIONSHIP_TYPES.filter((type) => RELATIONSHIPS[type].dateProperty)
  .map((type) => `WHEN '${type}' THEN r.${RELATIONSHIPS[type].dateProperty}`).join(' ')} END`;

/** One page of an entity's timeline after `after` (its date and relationship id); undefined when the entity is not visible. */
export async function findTimeline(db: Database, id: string, first: number, after: { at: string; id: string } | undefined, visibility: Visibility): Promise<{ events: TimelineEvent[]; hasNextPage: boolean } | undefined> {
  const { records } = await db.read<{ found: boolean; r: Relationship | null; m: Node | null; outgoing: boolean | null; at: string | null; fromId: string | null; toId: string | null }>(
    `OPTIONAL MATCH (n:Entity {id: $id}) WHERE ${visibleNodeCondition(visibility, 'n')}
     WITH n, n IS NOT NULL AS found
     // OPTIONAL: an entity with no dated event you may see has an empty timeline, not none.
     OPTIONAL CALL (n) {
       MATCH (n)-[r]-(m:Entity) WHERE ${visibleNodeCondition(visibility, 'm')} AND ${visibleRelationshipCondition(visibility, 'r')}
       WITH r, m, ${DATE_OF_RELATIONSHIP} AS at
       WHERE at IS NOT NULL AND ($afterAt IS NULL OR at > $afterAt OR (at = $afterAt AND r.id > $afterId))
       RETURN r, m, at ORDER BY at, r.id LIMIT $limit
     }
     RETURN found, r, m, at, startNode(r) = n AS outgoing, startNode(r).id AS fromId, endNode(r).id AS toId`,
    { id, afterAt: after?.at ?? null, afterId: after?.id ?? null, limit: int(first + 1), ...visibilityParameters(visibility) },
  );
  if (!records[0]?.get('found')) return undefined;
  const rows = records.filter((record) => record.get('r') !== null);
  const events = rows.slice(0, first).map((record) => ({
    at: String(record.get('at')),
    direction: record.get('outgoing') ? 'OUTGOING' as const : 'INCOMING' as const,
    relationship: markLens(toRelationshipModel(record.get('r')!, record.get('fromId')!, record.get('toId')!), visibility.lens),
    other: markLens(toEntityModel(record.get('m')!), visibility.lens),
  }));
  return { events, hasNextPage: rows.length > first };
}
