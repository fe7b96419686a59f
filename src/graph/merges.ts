import { randomUUID } from 'node:crypto';
import { int, isInt, isPoint, Point, type Integer, type Node } from 'neo4j-driver';
import type { Database, ObservedTransaction } from '../database/index.js';
import { DERIVED_LABELS, ENTITY_LABELS, isRelationshipType, type EntityLabel, type RelationshipType } from '../model/index.js';
import { visibleNodeCondition, type Visibility } from '../policy/index.js';
import { InputError } from '../validation/index.js';
import { refreshResolutionKeys } from './resolution.js';
import { subjectsOfDeletion, withTallies, type TallySubjects } from './tallies.js';

/**
 * Merging two records of one entity, and undoing it exactly (src/graph/resolution.ts finds them).
 *
 * `mergeEntities` (one write transaction, audited by the caller) moves every relationship of the
 * merged entity to the survivor — re-created with the same type, properties and id, the survivor in
 * the merged entity's place — adds the merged entity's name and aliases to the survivor's aliases
 * and its provenance (source and grade pairs) to the survivor's, deletes the merged node and records
 * a `(:Merge)` node (not an :Entity, reached by nothing but merge queries) with who, when and why,
 * and an exact snapshot: the merged node's labels and properties, each relationship's id, type,
 * direction, other end and properties, and exactly which aliases and provenance pairs were added.
 * Relationships between the two are not moved (they would join the survivor to itself): they are
 * kept in the snapshot and come back with an unmerge.
 *
 * After a merge, `node(id: mergedId)` and `nodes` answer with the survivor (entities.ts follows the
 * record's `resolvedTo`, which a later merge of the survivor moves on: A into B, then B into C, and
 * A resolves to C), and writes to the merged id are refused naming the survivor.
 *
 * `unmergeEntities` restores the merged node from the snapshot, moves its relationships back (with
 * their properties as they are now: a transfer corrected since the merge keeps the correction; one
 * unlinked since stays unlinked), re-creates the relationships between the two, and takes out of
 * the survivor exactly the aliases and provenance pairs the merge added. Merge then unmerge leaves
 * the graph as it was (test/investigations/resolution.test.ts compares dumps). The record stays,
 * marked undone (who, when, why), as history.
 *
 * Refused, with nothing written (BAD_USER_INPUT naming the argument): merging an entity into itself,
 * across kinds, an unknown id, an id already merged (or into one); undoing an unknown merge, one
 * already undone, or one whose survivor was merged into another entity since (undo that one first:
 * undoing out of order could not restore either exactly).
 */

export interface MergeModel {
  id: string;
  label: EntityLabel;
  survivorId: string;
  mergedId: string;
  mergedName: string;
  /** Where the merged id resolves now: the survivor, or whatever the survivor was merged into since. */
  resolvedTo: string;
  reason: string;
  by: string;
  role: string;
  at: string;
  movedRelationships: number;
  undoneAt: string | null;
  undoneBy: string | null;
  undoReason: string | null;
  /** The merged node's labels as they were (victims' derived labels included): what a role may see of the record. */
  mergedLabels: string[];
}

/** Who does it, when, and why. */
export interface MergeActor {
  by: string;
  role: string;
  reason: string;
  now: string;
}

/** A property value as JSON with its Neo4j type kept: integers and points are tagged, the rest are JSON already. */
type Encoded = unknown;

function encodeValue(value: unknown): Encoded {
  if (Array.isArray(value)) return value.map(encodeValue);
  if (isInt(value)) return { $int: (value as Integer).toString() };
  if (isPoint(value)) {
    const point = value as Point;
    return { $point: { srid: Number(point.srid), x: point.x, y: point.y, ...(point.z === undefined ? {} : { z: point.z }) } };
  }
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value;
  throw new Error(`A property value of type ${Object.prototype.toString.call(value)} cannot be kept in a merge record`);
}

function decodeValue(value: Encoded): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === 'object') {
    const tagged = value as { $int?: string; $point?: { srid: number; x: number; y: number; z?: number } };
    if (tagged.$int !== undefined) return int(tagged.$int);
    if (tagged.$point) return new Point(int(tagged.$point.srid), tagged.$point.x, tagged.$point.y, tagged.$point.z);
  }
  return value;
}

const encodeProperties = (properties: Record<string, unknown>) => Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, encodeValue(v)]));
const decodeProperties = (properties: Record<string, Encoded>) => Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, decodeValue(v)]));

/** A relationship of the merged entity as it was. */
interface SnapshotRelationship {
  id: string;
  type: RelationshipType;
  /** Whether it started at the merged entity. */
  outgoing: boolean;
  /** The other end's id (the merged entity's own for a loop). */
  otherId: string;
  properties: Record<string, Encoded>;
}

const LABEL_OF_KIND = new Set<string>(ENTITY_LABELS);
/** Labels a restored node may carry: Entity, its kind, derived labels (constants, so they can be written into Cypher). */
const RESTORABLE_LABELS = new Set<string>(['Entity', ...ENTITY_LABELS, ...Object.keys(DERIVED_LABELS)]);

function kindOfLabels(labels: readonly string[]): EntityLabel | undefined {
  return labels.find((label) => LABEL_OF_KIND.has(label)) as EntityLabel | undefined;
}

const MERGE_COLUMNS = `x {.id, .kind, .survivorId, .mergedId, .mergedName, .resolvedTo, .reason, .by, .role, .at, .movedRelationships, .undoneAt, .undoneBy, .undoReason, .mergedLabels} AS merge`;

function toMergeModel(row: Record<string, unknown>): MergeModel {
  return {
    id: String(row['id']), label: row['kind'] as EntityLabel, survivorId: String(row['survivorId']), mergedId: String(row['mergedId']),
    mergedName: String(row['mergedName'] ?? ''), resolvedTo: String(row['resolvedTo'] ?? row['survivorId']), reason: String(row['reason']),
    by: String(row['by']), role: String(row['role']), at: String(row['at']), movedRelationships: Number(row['movedRelationships'] ?? 0),
    undoneAt: (row['undoneAt'] as string | null) ?? null, undoneBy: (row['undoneBy'] as string | null) ?? null, undoReason: (row['undoReason'] as string | null) ?? null,
    mergedLabels: (row['mergedLabels'] as string[] | null) ?? [],
  };
}

/** Tally subjects of everything a merge or unmerge between these two may move (dashboards stay exact). */
async function mergeSubjects(tx: ObservedTransaction, ids: readonly string[], label: EntityLabel): Promise<TallySubjects> {
  const subjects = await subjectsOfDeletion(tx, ids);
  return {
    persons: [...new Set([...(subjects.persons ?? []), ...(label === 'Person' ? ids : [])])],
    centres: [...new Set([...(subjects.centres ?? []), ...(label === 'ScamCentre' ? ids : [])])],
    transfers: [...new Set(subjects.transfers ?? [])],
  };
}

/** Re-creates relationships (rows: from, to, properties) of one type. The type is checked against the model. */
async function createRelationships(tx: ObservedTransaction, type: string, rows: Array<{ from: string; to: string; properties: Record<string, unknown> }>): Promise<void> {
  if (!isRelationshipType(type)) throw new Error(`Relationship type ${type} is not in the domain model`);
  if (rows.length === 0) return;
  await tx.run(
    `UNWIND $rows AS row
     MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
     CREATE (a)-[r:${type}]->(b)
     SET r = row.properties`,
    { rows },
  );
}

function groupByType<T extends { type: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.type, [...(groups.get(item.type) ?? []), item]);
  return groups;
}

/** Merges `merged` into `survivor` in the caller's write transaction; see the module comment. */
export async function mergeEntities(tx: ObservedTransaction, survivorId: string, mergedId: string, actor: MergeActor): Promise<MergeModel> {
  if (survivorId === mergedId) throw new InputError('merged', `is the survivor itself (${mergedId}): an entity cannot be merged into itself`);
  const checks = await tx.run(
    `OPTIONAL MATCH (s:Entity {id: $survivor})
     WITH labels(s) AS survivorLabels
     OPTIONAL MATCH (m:Entity {id: $merged})
     WITH survivorLabels, labels(m) AS mergedLabels
     OPTIONAL MATCH (sm:Merge {mergedId: $survivor}) WHERE sm.undoneAt IS NULL
     WITH survivorLabels, mergedLabels, sm {.id, .resolvedTo} AS survivorMerge
     OPTIONAL MATCH (mm:Merge {mergedId: $merged}) WHERE mm.undoneAt IS NULL
     RETURN survivorLabels, mergedLabels, survivorMerge, mm {.id, .resolvedTo} AS mergedMerge LIMIT 1`,
    { survivor: survivorId, merged: mergedId },
  );
  const check = checks.records[0]!;
  const mergedMerge = check.get('mergedMerge') as { id: string; resolvedTo: string } | null;
  const survivorMerge = check.get('survivorMerge') as { id: string; resolvedTo: string } | null;
  const mergedLabels = check.get('mergedLabels') as string[] | null;
  const survivorLabels = check.get('survivorLabels') as string[] | null;
  if (mergedMerge) throw new InputError('merged', `was already merged into ${mergedMerge.resolvedTo} (merge ${mergedMerge.id}): it is no longer an entity of its own`);
  if (!mergedLabels) throw new InputError('merged', `names no entity (${mergedId})`);
  if (survivorMerge) throw new InputError('survivor', `was merged into ${survivorMerge.resolvedTo} (merge ${survivorMerge.id}): merge into ${survivorMerge.resolvedTo} instead`);
  if (!survivorLabels) throw new InputError('survivor', `names no entity (${survivorId})`);
  const label = kindOfLabels(mergedLabels)!;
  const survivorKind = kindOfLabels(survivorLabels)!;
  if (label !== survivorKind) throw new InputError('merged', `is a ${label} and the survivor a ${survivorKind}: only entities of one kind can be merged`);

  const read = await tx.run<{ node: Node; rels: SnapshotRelationship[]; survivor: Record<string, unknown> }>(
    `MATCH (m:Entity {id: $merged}), (s:Entity {id: $survivor})
     CALL (m) {
       OPTIONAL MATCH (m)-[r]-(o:Entity)
       WITH DISTINCT r, o
       RETURN collect(CASE WHEN r IS NULL THEN null ELSE {id: r.id, type: type(r), outgoing: startNode(r) = m, otherId: o.id, properties: properties(r)} END) AS rels
     }
     RETURN m AS node, rels, s {.name, .aliases, .sourceIds, .grades} AS survivor`,
    { merged: mergedId, survivor: survivorId },
  );
  const row = read.records[0]!;
  const node = row.get('node');
  const rels = row.get('rels');
  const survivor = row.get('survivor');
  const mergedProps = node.properties as Record<string, unknown>;

  // What the survivor gains: the merged names as aliases, the merged provenance pairs it lacks.
  const survivorAliases = (survivor['aliases'] as string[] | null) ?? null;
  const aliasesAdded = [...new Set([String(mergedProps['name'] ?? ''), ...((mergedProps['aliases'] as string[] | null) ?? [])])]
    .filter((alias) => alias !== '' && alias !== survivor['name'] && !(survivorAliases ?? []).includes(alias));
  const survivorSourceIds = (survivor['sourceIds'] as string[] | null) ?? [];
  const survivorGrades = (survivor['grades'] as string[] | null) ?? [];
  const pairs = new Set(survivorSourceIds.map((id, i) => `${id}\u0000${survivorGrades[i] ?? ''}`));
  const provenanceAdded: Array<[string, string]> = [];
  const mergedSourceIds = (mergedProps['sourceIds'] as string[] | null) ?? [];
  const mergedGrades = (mergedProps['grades'] as string[] | null) ?? [];
  mergedSourceIds.forEach((id, i) => {
    const key = `${id}\u0000${mergedGrades[i] ?? ''}`;
    if (pairs.has(key)) return;
    pairs.add(key);
    provenanceAdded.push([id, mergedGrades[i] ?? 'F6']);
  });

  const moved = rels.filter((r) => r.otherId !== survivorId);
  const snapshot: SnapshotRelationship[] = rels.map((r) => ({ ...r, properties: encodeProperties(r.properties) }));
  const mergeId = `merge:${randomUUID()}`;

  await withTallies(tx, await mergeSubjects(tx, [mergedId, survivorId], label), async () => {
    await tx.run('MATCH (m:Entity {id: $merged}) DETACH DELETE m', { merged: mergedId });
    for (const [type, group] of groupByType(moved)) {
      await createRelationships(tx, type, group.map((r) => {
        const other = r.otherId === mergedId ? survivorId : r.otherId;
        return { from: r.outgoing ? survivorId : other, to: r.outgoing ? other : survivorId, properties: r.properties };
      }));
    }
    if (aliasesAdded.length > 0 || provenanceAdded.length > 0) {
      await tx.run(
        `MATCH (s:Entity {id: $survivor})
         FOREACH (_ IN CASE WHEN size($aliasesAdded) > 0 THEN [1] ELSE [] END | SET s.aliases = coalesce(s.aliases, []) + $aliasesAdded)
         FOREACH (_ IN CASE WHEN size($sourceIdsAdded) > 0 THEN [1] ELSE [] END | SET s.sourceIds = coalesce(s.sourceIds, []) + $sourceIdsAdded, s.grades = coalesce(s.grades, []) + $gradesAdded)`,
        { survivor: survivorId, aliasesAdded, sourceIdsAdded: provenanceAdded.map(([id]) => id), gradesAdded: provenanceAdded.map(([, grade]) => grade) },
      );
    }
  });
  // Merges into the merged entity now resolve to the survivor (and go back on an unmerge).
  const redirected = await tx.run<{ ids: string[] }>(
    'MATCH (x:Merge {resolvedTo: $merged}) WHERE x.undoneAt IS NULL SET x.resolvedTo = $survivor RETURN collect(x.id) AS ids',
    { merged: mergedId, survivor: survivorId },
  );
  const created = await tx.run<{ merge: Record<string, unknown> }>(
    `CREATE (x:Merge {
       id: $id, kind: $kind, survivorId: $survivor, mergedId: $merged, mergedName: $mergedName, mergedLabels: $mergedLabels, resolvedTo: $survivor,
       reason: $reason, by: $by, role: $role, at: $at, movedRelationships: $movedCount,
       node: $node, relationships: $relationships, aliasesAdded: $aliasesAdded, aliasesWereAbsent: $aliasesWereAbsent,
       sourceIdsAdded: $sourceIdsAdded, gradesAdded: $gradesAdded, redirected: $redirected
     })
     RETURN ${MERGE_COLUMNS}`,
    {
      id: mergeId, kind: label, survivor: survivorId, merged: mergedId, mergedName: String(mergedProps['name'] ?? ''), mergedLabels: node.labels,
      reason: actor.reason, by: actor.by, role: actor.role, at: actor.now, movedCount: int(moved.length),
      node: JSON.stringify({ labels: node.labels, properties: encodeProperties(mergedProps) }), relationships: JSON.stringify(snapshot),
      aliasesAdded, aliasesWereAbsent: survivorAliases === null, sourceIdsAdded: provenanceAdded.map(([id]) => id), gradesAdded: provenanceAdded.map(([, grade]) => grade),
      redirected: redirected.records[0]?.get('ids') ?? [],
    },
  );
  await refreshResolutionKeys(tx, [mergedId, survivorId]);
  return toMergeModel(created.records[0]!.get('merge'));
}

/** Removes each of `items` once, from the end (where a merge appended it). */
function withoutAdded(list: readonly string[], items: readonly string[]): string[] {
  const rest = [...list];
  for (const item of [...items].reverse()) {
    const at = rest.lastIndexOf(item);
    if (at >= 0) rest.splice(at, 1);
  }
  return rest;
}

/** Undoes a merge in the caller's write transaction; see the module comment. */
export async function unmergeEntities(tx: ObservedTransaction, mergeId: string, actor: MergeActor): Promise<MergeModel> {
  const found = await tx.run(
    `OPTIONAL MATCH (x:Merge {id: $id})
     OPTIONAL MATCH (later:Merge {mergedId: x.survivorId}) WHERE later.undoneAt IS NULL
     OPTIONAL MATCH (again:Entity {id: x.mergedId})
     OPTIONAL MATCH (s:Entity {id: x.survivorId})
     RETURN x {.*} AS merge, later {.id, .resolvedTo} AS later, again IS NOT NULL AS mergedExists, s IS NOT NULL AS survivorExists LIMIT 1`,
    { id: mergeId },
  );
  const record = found.records[0]!;
  const x = record.get('merge') as Record<string, unknown> | null;
  if (!x) throw new InputError('mergeId', `names no merge (${mergeId})`);
  if (x['undoneAt']) throw new InputError('mergeId', `was undone already (at ${String(x['undoneAt'])} by ${String(x['undoneBy'])}): there is nothing left to undo`);
  const later = record.get('later') as { id: string; resolvedTo: string } | null;
  const survivorId = String(x['survivorId']);
  const mergedId = String(x['mergedId']);
  if (later) throw new InputError('mergeId', `cannot be undone while its survivor ${survivorId} is itself merged into ${later.resolvedTo} (merge ${later.id}): undo ${later.id} first`);
  if (record.get('mergedExists')) throw new InputError('mergeId', `cannot be undone: an entity with the merged id ${mergedId} exists again`);
  if (!record.get('survivorExists')) throw new InputError('mergeId', `cannot be undone: its survivor ${survivorId} no longer exists`);

  const node = JSON.parse(String(x['node'])) as { labels: string[]; properties: Record<string, Encoded> };
  const rels = JSON.parse(String(x['relationships'])) as SnapshotRelationship[];
  const labels = node.labels.filter((l) => RESTORABLE_LABELS.has(l));
  const label = kindOfLabels(labels);
  if (!label || labels.length !== node.labels.length) throw new Error(`merge ${mergeId} holds labels that are not the model's: ${node.labels.join(', ')}`);

  await withTallies(tx, await mergeSubjects(tx, [survivorId, mergedId], label), async () => {
    await tx.run(`CREATE (n:${labels.join(':')}) SET n = $properties`, { properties: decodeProperties(node.properties) });
    for (const [type, group] of groupByType(rels)) {
      if (!isRelationshipType(type)) throw new Error(`Relationship type ${type} is not in the domain model`);
      const ends = (r: SnapshotRelationship) => ({ from: r.outgoing ? mergedId : r.otherId, to: r.outgoing ? r.otherId : mergedId });
      // Moved ones: back from the survivor, with their properties as they are now (gone if unlinked since).
      const movedBack = group.filter((r) => r.otherId !== survivorId).map((r) => ({ id: r.id, ...ends(r) }));
      if (movedBack.length > 0) {
        await tx.run(
          `UNWIND $rows AS row
           MATCH ()-[r:${type} {id: row.id}]->()
           WITH row, r, properties(r) AS properties
           DELETE r
           WITH row, properties
           MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
           CREATE (a)-[n:${type}]->(b)
           SET n = properties`,
          { rows: movedBack },
        );
      }
      // Those between the two: from the snapshot.
      await createRelationships(tx, type, group.filter((r) => r.otherId === survivorId).map((r) => ({ ...ends(r), properties: decodeProperties(r.properties) })));
    }
    const survivor = await tx.run<{ aliases: string[] | null; sourceIds: string[] | null; grades: string[] | null }>(
      'MATCH (s:Entity {id: $survivor}) RETURN s.aliases AS aliases, s.sourceIds AS sourceIds, s.grades AS grades',
      { survivor: survivorId },
    );
    const current = survivor.records[0]!;
    const aliasesAdded = (x['aliasesAdded'] as string[] | null) ?? [];
    const sourceIdsAdded = (x['sourceIdsAdded'] as string[] | null) ?? [];
    const gradesAdded = (x['gradesAdded'] as string[] | null) ?? [];
    const aliases = withoutAdded(current.get('aliases') ?? [], aliasesAdded);
    // Provenance pairs: remove each added (source, grade) pair once, from the end.
    const sourceIds = [...(current.get('sourceIds') ?? [])];
    const grades = [...(current.get('grades') ?? [])];
    for (let i = sourceIdsAdded.length - 1; i >= 0; i--) {
      for (let j = sourceIds.length - 1; j >= 0; j--) {
        if (sourceIds[j] === sourceIdsAdded[i] && grades[j] === gradesAdded[i]) {
          sourceIds.splice(j, 1);
          grades.splice(j, 1);
          break;
        }
      }
    }
    if (aliasesAdded.length > 0 || sourceIdsAdded.length > 0) {
      await tx.run(
        'MATCH (s:Entity {id: $survivor}) SET s.aliases = $aliases, s.sourceIds = $sourceIds, s.grades = $grades',
        { survivor: survivorId, aliases: aliases.length === 0 && x['aliasesWereAbsent'] ? null : aliases, sourceIds, grades },
      );
    }
  });
  await tx.run('UNWIND $ids AS id MATCH (y:Merge {id: id}) SET y.resolvedTo = $merged', { ids: (x['redirected'] as string[] | null) ?? [], merged: mergedId });
  const undone = await tx.run<{ merge: Record<string, unknown> }>(
    `MATCH (x:Merge {id: $id}) SET x.undoneAt = $at, x.undoneBy = $by, x.undoRole = $role, x.undoReason = $reason RETURN ${MERGE_COLUMNS}`,
    { id: mergeId, at: actor.now, by: actor.by, role: actor.role, reason: actor.reason },
  );
  await refreshResolutionKeys(tx, [mergedId, survivorId]);
  return toMergeModel(undone.records[0]!.get('merge'));
}

/**
 * The Cypher of "which of these ids were merged (and not undone)": rows `id, mergeId, resolvedTo`
 * for the ids in the list expression `ids` (a parameter, or a list of parameters). The one way
 * writes ask it, alone (activeMergeOf) or inside their checks' statement.
 */
export function activeMergesCypher(ids: string): string {
  return `UNWIND ${ids} AS id MATCH (x:Merge {mergedId: id}) WHERE x.undoneAt IS NULL RETURN id, x.id AS mergeId, x.resolvedTo AS resolvedTo`;
}

/** Whether an id was merged (and not undone): where it resolves now and by which merge; for refusing writes to it. */
export async function activeMergeOf(tx: ObservedTransaction, ids: readonly string[]): Promise<Map<string, { mergeId: string; resolvedTo: string }>> {
  const { records } = await tx.run<{ id: string; mergeId: string; resolvedTo: string }>(activeMergesCypher('$ids'), { ids: [...new Set(ids)] });
  return new Map(records.map((r) => [r.get('id'), { mergeId: r.get('mergeId'), resolvedTo: r.get('resolvedTo') }]));
}

/** The refusal of a write to a merged id. */
export function mergedIdProblem(id: string, merge: { mergeId: string; resolvedTo: string }): string {
  return `${id} was merged into ${merge.resolvedTo} (merge ${merge.mergeId}): write to ${merge.resolvedTo}, or undo the merge with unmergeEntities first`;
}

/**
 * The merge history, newest first: all merges, or those an entity took part in (as survivor, as
 * merged, or resolving to it). Keyset pages on (at, id). A record whose merged entity or survivor the
 * role may not see (a victim, for a viewer) is left out, as if it did not exist.
 */
export async function listMerges(db: Database, entityId: string | undefined, first: number, after: { at: string; id: string } | undefined, visibility: Visibility): Promise<{ merges: MergeModel[]; hasNextPage: boolean }> {
  const { records } = await db.read<{ merge: Record<string, unknown> }>(
    `MATCH (x:Merge)
     WHERE ($entity IS NULL OR x.survivorId = $entity OR x.mergedId = $entity OR x.resolvedTo = $entity)
       AND ($afterAt IS NULL OR x.at < $afterAt OR (x.at = $afterAt AND x.id < $afterId))
       AND none(l IN coalesce(x.mergedLabels, []) WHERE l IN $hidden)
       AND EXISTS { MATCH (s:Entity {id: x.resolvedTo}) WHERE ${visibleNodeCondition(visibility, 's')} }
     RETURN ${MERGE_COLUMNS}
     ORDER BY x.at DESC, x.id DESC LIMIT $limit`,
    { entity: entityId ?? null, afterAt: after?.at ?? null, afterId: after?.id ?? null, hidden: visibility.hiddenLabels, limit: int(first + 1) },
  );
  const merges = records.map((r) => toMergeModel(r.get('merge')));
  return { merges: merges.slice(0, first), hasNextPage: merges.length > first };
}
