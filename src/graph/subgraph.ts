import type { Node, Relationship } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import { ENTITY_LABELS, isRelationshipType, type EntityLabel, type RelationshipType } from '../model/index.js';
import { visibleNodeCondition, type Visibility } from '../policy/index.js';

/** Most entities one export holds: a neighbourhood of a hub can be most of the graph. */
export const MAX_SUBGRAPH_NODES = 100_000;
/** Ids per lookup statement. */
const SUBGRAPH_CHUNK = 5_000;

/** Stored properties, as they are in Neo4j (provenance lists, `ftm` and timestamps included). */
export interface StoredNode {
  id: string;
  label: EntityLabel;
  properties: Record<string, unknown>;
}

export interface StoredRelationship {
  id: string;
  type: RelationshipType;
  fromId: string;
  toId: string;
  properties: Record<string, unknown>;
}

export interface Subgraph {
  /** The entities within the depth, then the sources their provenance names (so a re-import resolves). */
  nodes: StoredNode[];
  /** Every relationship between two entities within the depth. */
  relationships: StoredRelationship[];
  /** True when MAX_SUBGRAPH_NODES cut the walk short. */
  truncated: boolean;
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += SUBGRAPH_CHUNK) result.push(items.slice(i, i + SUBGRAPH_CHUNK));
  return result;
}

function storedNode(node: Node): StoredNode {
  const label = ENTITY_LABELS.find((l) => node.labels.includes(l));
  if (!label) throw new Error(`Node ${String(node.properties['id'])} has no entity label`);
  return { id: String(node.properties['id']), label, properties: node.properties as Record<string, unknown> };
}

/**
 * The entities within `depth` hops of `fromId` (either direction), the relationships among them,
 * and the sources they cite. Read in one read transaction, level by level, in bounded chunks.
 * Undefined when there is no entity `fromId`.
 */
export async function findSubgraph(db: Database, fromId: string, depth: number, maxNodes = MAX_SUBGRAPH_NODES): Promise<Subgraph | undefined> {
  return db.readTransaction(async (tx) => {
    const start = await tx.run<{ n: Node }>('MATCH (n:Entity {id: $id}) RETURN n', { id: fromId });
    if (start.records.length === 0) return undefined;
    const seen = new Set([fromId]);
    let frontier = [fromId];
    let truncated = false;
    for (let level = 0; level < depth && frontier.length > 0 && !truncated; level++) {
      const next: string[] = [];
      for (const ids of chunks(frontier)) {
        const { records } = await tx.run<{ id: string }>('UNWIND $ids AS id MATCH (:Entity {id: id})--(m:Entity) RETURN DISTINCT m.id AS id', { ids });
        for (const record of records) {
          const id = record.get('id');
          if (seen.has(id)) continue;
          if (seen.size >= maxNodes) {
            truncated = true;
            break;
          }
          seen.add(id);
          next.push(id);
        }
      }
      frontier = next;
    }

    return { ...(await collectSubgraph(tx, [...seen])), truncated };
  });
}

type ReadTx = Parameters<Parameters<Database['readTransaction']>[0]>[0];

/**
 * The entities `ids` that this role may see, the relationships among them, and the sources they
 * cite: what a client has drawn, as a file (`Query.exportView`).
 */
export async function findSubgraphOfIds(db: Database, ids: readonly string[], visibility: Visibility): Promise<Subgraph> {
  return db.readTransaction(async (tx) => {
    const { records } = await tx.run<{ id: string }>(
      `UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE ${visibleNodeCondition(visibility, 'n')} RETURN n.id AS id`,
      { ids: [...new Set(ids)] },
    );
    return { ...(await collectSubgraph(tx, records.map((r) => r.get('id')))), truncated: false };
  });
}

/** The entities `all`, every relationship between two of them, and the sources they cite. */
async function collectSubgraph(tx: ReadTx, all: string[]): Promise<Omit<Subgraph, 'truncated'>> {
  const seen = new Set(all);
  const nodes: StoredNode[] = [];
  const relationships: StoredRelationship[] = [];
  for (const ids of chunks(all)) {
    const found = await tx.run<{ n: Node }>('UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN n', { ids });
    nodes.push(...found.records.map((r) => storedNode(r.get('n'))));
    const links = await tx.run<{ r: Relationship; fromId: string; toId: string }>(
      'UNWIND $ids AS id MATCH (a:Entity {id: id})-[r]->(b:Entity) WHERE b.id IN $all RETURN r, a.id AS fromId, b.id AS toId',
      { ids, all },
    );
    for (const record of links.records) {
      const r = record.get('r');
      if (!isRelationshipType(r.type)) continue;
      relationships.push({ id: String(r.properties['id']), type: r.type, fromId: record.get('fromId'), toId: record.get('toId'), properties: r.properties as Record<string, unknown> });
    }
  }
  const cited = new Set<string>();
  for (const item of [...nodes, ...relationships]) for (const source of (item.properties['sourceIds'] as string[] | undefined) ?? []) if (!seen.has(source)) cited.add(source);
  for (const ids of chunks([...cited])) {
    const found = await tx.run<{ n: Node }>('UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n:Source RETURN n', { ids });
    nodes.push(...found.records.map((r) => storedNode(r.get('n'))));
  }
  return { nodes, relationships };
}
