import { int, type Node, type Path, type Relationship } from 'neo4j-driver';
import { DEFAULT_HUB_DEGREE, HUB_DEGREE_REPORT_MAX, SKIPPED_HUBS_MAX } from '../config/index.js';
import type { Database } from '../database/index.js';
import { ENTITY_LABELS, type EntityLabel, type EntityModel, type PathModel, type RelationshipModel, type SubgraphModel } from '../model/index.js';
import { hidesAnything, markLens, visibilityParameters, visibleNodeCondition, visibleRelationshipCondition, type Visibility } from '../policy/index.js';
import { whereClause } from './where.js';
import { entityProjection, relationshipProjection, type Properties } from './projection.js';
import { entityModelOf, relationshipModelOf, toEntityModel, toRelationshipModel } from './records.js';
import { hopConditions, isHub, typeAlternation, type HubRuleOn, type TraversalFilter } from './traversal.js';

/** Rows one neighbourhood hop may read per entity it may still draw: bounds a hop over a hub. */
const NEIGHBOURHOOD_ROWS_PER_ENTITY = 20;

/** A Neo4j path as our model: nodes in order, and each relationship with the way the path crosses it. */
function toPathModel(path: Path): PathModel {
  const nodes: EntityModel[] = [toEntityModel(path.start)];
  const steps = path.segments.map((segment) => {
    const from = toEntityModel(segment.start);
    const to = toEntityModel(segment.end);
    nodes.push(to);
    const forward = segment.relationship.startNodeElementId === segment.start.elementId;
    return {
      relationship: toRelationshipModel(segment.relationship, forward ? from.id : to.id, forward ? to.id : from.id),
      from,
      to,
      forward,
    };
  });
  return { nodes, steps };
}

/** A path as Cypher projects it: property maps, not whole nodes (no element ids or label lists to send and decode). */
interface ProjectedPath {
  nodes: Array<{ m: Record<string, unknown>; l: EntityLabel }>;
  /** Each relationship, and whether it starts where the path is at that step (`f`): its ends are the path's nodes. */
  rels: Array<{ r: Record<string, unknown>; t: string; f: boolean }>;
}

/**
 * The stored properties the caller reads of the paths' entities and relationships (the GraphQL
 * selection, through the look-ahead planner's pathReads); all when absent. Entities read with fewer
 * come back marked `projected`.
 */
export interface PathReads {
  entities: Properties;
  relationships: Properties;
}

const READ_ALL: PathReads = { entities: 'all', relationships: 'all' };

function projectedPathModel(path: ProjectedPath, reads: PathReads): PathModel {
  const nodes = path.nodes.map(({ m, l }) => {
    const model = entityModelOf(l, m);
    if (reads.entities !== 'all') model.projected = true;
    return model;
  });
  const steps = path.rels.map(({ r, t, f }, i) => {
    const from = nodes[i]!;
    const to = nodes[i + 1]!;
    return { relationship: relationshipModelOf(t, r, f ? from.id : to.id, f ? to.id : from.id), from, to, forward: f };
  });
  return { nodes, steps };
}

/**
 * The k shortest paths between two entities (relationship direction ignored), found by Neo4j's
 * SHORTEST k over a quantified path pattern whose hop predicates prune during the search; whether
 * each end exists comes back in the same round trip. `k` and `maxHops` are validated integers
 * (the syntax needs literals); everything else is a parameter. `hubRuleOn: 'left'` is the hub rule's
 * reference form (hopConditions); tests compare it with the default.
 */
export async function findShortestPaths(
  db: Database,
  args: { from: string; to: string; k: number; maxHops: number; filter: TraversalFilter | null },
  visibility: Visibility,
  hubRuleOn: HubRuleOn = 'entered',
  reads: PathReads = READ_ALL,
): Promise<{ fromFound: boolean; toFound: boolean; paths: PathModel[] }> {
  assertCount(args.k, 'k');
  assertCount(args.maxHops, 'maxHops');
  const params: Record<string, unknown> = { from: args.from, to: args.to, named: [args.from, args.to], entityLabels: ENTITY_LABELS };
  const conditions = hopConditions(args.filter, params, 't', 'to', visibility, 'named', hubRuleOn, ['a', 'b']);
  // An end hidden from the role is not found, exactly like an unknown id.
  const { records } = await db.read<{ fromFound: boolean; toFound: boolean; paths: ProjectedPath[] }>(
    `OPTIONAL MATCH (a:Entity {id: $from}) WHERE ${visibleNodeCondition(visibility, 'a')}
     OPTIONAL MATCH (b:Entity {id: $to}) WHERE ${visibleNodeCondition(visibility, 'b')}
     CALL (a, b) {
       MATCH p = SHORTEST ${args.k} (a) ((x)-[r${typeAlternation(args.filter?.relationshipTypes)}]-(y) WHERE ${whereClause(conditions)}){1,${args.maxHops}} (b)
       WITH nodes(p) AS ns, relationships(p) AS rs
       RETURN collect({
         nodes: [n IN ns | {m: ${entityProjection('n', reads.entities)}, l: head([l IN labels(n) WHERE l IN $entityLabels])}],
         rels: [i IN range(0, size(rs) - 1) | head([r IN [rs[i]] | {r: ${relationshipProjection('r', reads.relationships)}, t: type(r), f: startNode(r) = ns[i]}])]
       }) AS paths
     }
     RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound, paths`,
    params,
  );
  const record = records[0];
  const paths = (record?.get('paths') ?? []).map((path) => projectedPathModel(path, reads)).sort((p, q) => p.steps.length - q.steps.length);
  for (const path of paths) lensPath(path, visibility);
  return { fromFound: record?.get('fromFound') ?? false, toFound: record?.get('toFound') ?? false, paths };
}

/**
 * The subgraph within `depth` hops of an entity, at most `limit` entities, expanded hop by hop with
 * the whole frontier in one round trip per hop. Hubs are drawn but not expanded.
 */
export async function findNeighbourhood(db: Database, args: { id: string; depth: number; limit: number; filter: TraversalFilter | null }, visibility: Visibility): Promise<SubgraphModel | null> {
  const start = await db.read<{ n: Node }>(`MATCH (n:Entity {id: $id}) WHERE ${visibleNodeCondition(visibility, 'n')} RETURN n`, { id: args.id, ...visibilityParameters(visibility) });
  const centre = start.records[0]?.get('n');
  if (!centre) return null;
  const nodes = new Map<string, EntityModel>([[args.id, markLens(toEntityModel(centre), visibility.lens)]]);
  const relationships = new Map<string, RelationshipModel>();
  const maxDegree = args.filter?.maxDegree ?? DEFAULT_HUB_DEGREE;
  let frontier = [args.id];
  let truncated = false;

  for (let hop = 0; hop < args.depth && frontier.length > 0; hop++) {
    const maxRows = (args.limit + 1) * NEIGHBOURHOOD_ROWS_PER_ENTITY;
    const params: Record<string, unknown> = { frontier, maxRows: int(maxRows) };
    // Hubs may appear as neighbours; the hub rule only stops their expansion (below).
    const conditions = hopConditions({ ...args.filter, includeHubs: true }, params, 'n', null, visibility, 'frontier');
    const { records } = await db.read<{ r: Relationship; fromId: string; toId: string; y: Node; isHub: boolean }>(
      `UNWIND $frontier AS id
       MATCH (x:Entity {id: id})-[r${typeAlternation(args.filter?.relationshipTypes)}]-(y:Entity)
       WHERE ${whereClause(conditions)}
       WITH r, x, y LIMIT $maxRows
       RETURN r, startNode(r).id AS fromId, endNode(r).id AS toId, y,
              ${isHub(visibility, 'y', '$maxDegree')} AS isHub`,
      { ...params, maxDegree: int(maxDegree) },
    );
    const next: string[] = [];
    for (const record of records) {
      const y = markLens(toEntityModel(record.get('y')), visibility.lens);
      if (!nodes.has(y.id)) {
        if (nodes.size >= args.limit) {
          truncated = true;
          continue;
        }
        nodes.set(y.id, y);
        if (!record.get('isHub') || args.filter?.includeHubs) next.push(y.id);
      }
      const relationship = markLens(toRelationshipModel(record.get('r'), record.get('fromId'), record.get('toId')), visibility.lens);
      relationships.set(relationship.id, relationship);
    }
    if (records.length >= maxRows) truncated = true;
    frontier = next;
    if (hop === args.depth - 1 && frontier.length > 0 && !truncated) {
      // Was anything left beyond the depth cap? One cheap check tells the client.
      const more = await db.read<{ more: boolean }>(
        `UNWIND $frontier AS id MATCH (x:Entity {id: id})-[r${typeAlternation(args.filter?.relationshipTypes)}]-(y:Entity)
         WHERE NOT y.id IN $known AND ${visibleNodeCondition(visibility, 'y')} AND ${visibleRelationshipCondition(visibility, 'r', args.filter?.relationshipTypes)} RETURN count(*) > 0 AS more`,
        { frontier, known: [...nodes.keys()], ...visibilityParameters(visibility) },
      );
      truncated = more.records[0]?.get('more') === true;
    }
  }
  // Only relationships between drawn entities.
  const drawn = [...relationships.values()].filter((r) => nodes.has(r.fromId) && nodes.has(r.toId));
  return { nodes: [...nodes.values()], relationships: drawn, truncated };
}

/**
 * Entities linked to at least `minShared` of the given ones within `maxHops`, with the shortest link
 * from each: one SHORTEST 1 search per (given entity, reachable entity) pair, grouped by the latter.
 * A hub may end a link (it may be the answer) but no link passes through one (hopConditions); the
 * hubs reached before `maxHops` — where the search stopped — come back as `skippedHubs`.
 */
export async function findCommonConnections(
  db: Database,
  args: { ids: string[]; minShared: number; maxHops: number; filter: TraversalFilter | null; first: number },
  visibility: Visibility,
): Promise<{ connections: Array<{ entity: EntityModel; sharedBy: number; links: PathModel[] }>; skippedHubs: Array<{ entity: EntityModel; degree: number }> }> {
  assertCount(args.maxHops, 'maxHops');
  const params: Record<string, unknown> = {
    ids: args.ids, minShared: int(args.minShared), first: int(args.first), maxHops: int(args.maxHops),
    hubsMax: int(SKIPPED_HUBS_MAX), degreeMax: int(HUB_DEGREE_REPORT_MAX),
  };
  const conditions = hopConditions(args.filter, params, 't', null, visibility, 'ids');
  const reportsHubs = !args.filter?.includeHubs;
  // Visible relationships counted up to the cap: a role that hides entities never learns how many it may not see.
  const degree = hidesAnything(visibility)
    ? `COUNT { MATCH (c)--(n) WHERE ${visibleNodeCondition(visibility, 'n')} WITH n LIMIT $degreeMax RETURN n }`
    : `CASE WHEN COUNT { (c)--() } > $degreeMax THEN $degreeMax ELSE COUNT { (c)--() } END`;
  const { records } = await db.read<{ connections: Array<{ c: Node; sharedBy: number; paths: Path[] }>; hubs: Array<{ c: Node; degree: number }> }>(
    `UNWIND $ids AS sid
     MATCH (s:Entity {id: sid}) WHERE ${visibleNodeCondition(visibility, 's')}
     MATCH p = SHORTEST 1 (s) ((x)-[r${typeAlternation(args.filter?.relationshipTypes)}]-(y) WHERE ${whereClause(conditions)}){1,${args.maxHops}} (c:Entity)
     WHERE NOT c.id IN $ids
     WITH c, sid, p
     WITH c, count(DISTINCT sid) AS sharedBy, collect(p) AS paths, sum(length(p)) AS distance, min(length(p)) AS nearest
     WITH collect(CASE WHEN sharedBy >= $minShared THEN {c: c, sharedBy: sharedBy, paths: paths, distance: distance} END) AS connections,
          collect(CASE WHEN $reportsHubs AND nearest < $maxHops THEN c END) AS reached
     CALL (reached) {
       UNWIND reached AS c
       WITH c WHERE ${isHub(visibility, 'c', '$tMaxDegree')}
       WITH c, ${degree} AS degree
       ORDER BY degree DESC, c.id
       LIMIT $hubsMax
       RETURN collect({c: c, degree: degree}) AS hubs
     }
     CALL (connections) {
       UNWIND connections AS connection
       WITH connection ORDER BY connection.sharedBy DESC, connection.distance ASC, connection.c.name ASC
       LIMIT $first
       RETURN collect(connection) AS top
     }
     RETURN top AS connections, hubs`,
    { ...params, reportsHubs, tMaxDegree: params['tMaxDegree'] ?? int(DEFAULT_HUB_DEGREE) },
  );
  const record = records[0];
  return {
    connections: (record?.get('connections') ?? []).map((r) => ({ entity: toEntityModel(r.c), sharedBy: r.sharedBy, links: r.paths.map(toPathModel) })),
    skippedHubs: (record?.get('hubs') ?? []).map((h) => ({ entity: toEntityModel(h.c), degree: h.degree })),
  };
}

/** Marks a path read through a time lens, so its entities' and relationships' fields read through it too. */
function lensPath(path: PathModel, visibility: Visibility): void {
  if (!visibility.lens) return;
  for (const node of path.nodes) markLens(node, visibility.lens);
  for (const step of path.steps) markLens(step.relationship, visibility.lens);
}

function assertCount(value: number, name: string): void {
  // Interpolated into Cypher: must be a small positive integer, whatever the caller checked.
  if (!Number.isInteger(value) || value < 1 || value > 100) throw new Error(`${name} must be an integer from 1 to 100`);
}
