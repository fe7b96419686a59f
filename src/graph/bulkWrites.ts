import type { Database, ObservedTransaction } from '../database/index.js';
import {
  citedSources, derivedLabelsOf, IDENTIFIER_TEXT, identifierText, PROTECTED_IDENTIFIER_TEXT, endsProblem, ENTITY_LABELS, ENTITY_PROPERTY_SPECS, kindConflict, kindOf, KINDS, missingEnds, missingSources, readingThatFits, RELATIONSHIPS,
  RELATIONSHIP_TYPES, relationshipIdTaken, sameLink, settleCitations, type EntityLabel, type RelationshipType, type WrittenRelationship,
} from '../model/index.js';
import { checkRelationshipOrder, InputError, type ValidEntity, type ValidRelationship } from '../validation/index.js';
import type { FreshImport } from './idFilter.js';
import { withTallies } from './tallies.js';
import { GEO_KINDS, GEO_POINT, geoPointExpression, geoPointAssignment } from './geo.js';
import { identifierTextAssignments } from './identifierText.js';
import { activeMergeOf, mergedIdProblem } from './merges.js';
import { refreshResolutionKeys } from './resolution.js';
import { derivedLabelClauses, entitySubjects, identifiersExpression, provenanceLists, relationshipSubjects, sortKeyOf, storedProperties } from './writes.js';

/**
 * Batched writes for imports: one UNWIND statement per kind or type, inside the caller's write
 * transaction (one per batch). Nodes and relationships are stored in exactly the shape the
 * mutations in writes.ts give them (same property conversion, provenance lists, identifiers,
 * sortKey, createdAt/updatedAt), so the API reads imported data like any other. The same checks run
 * as for a mutation (the rules of src/model/integrityRules.ts), per item: an item that fails is
 * reported and left out, the rest are written.
 * New nodes and relationships are written from one map each (`SET n = row.props`), computed here:
 * a single SET per row keeps the plans free of Eager operators.
 *
 * `fresh` (an import into a graph that was empty at its start): ids it certainly never wrote skip
 * the existence lookups; ids it may have written are looked up as usual.
 */

/** An entity from one line of an import. `ftm` holds FollowTheMoney properties the model does not have (a JSON string). */
export interface BulkEntity {
  line: number;
  entity: ValidEntity;
  ftm?: string | undefined;
  /** Create it only if no entity has this id yet (countries named by a FollowTheMoney nationality). */
  ensureOnly?: boolean;
}

export interface BulkRelationship {
  line: number;
  relationship: ValidRelationship & { id: string };
  /** True when the line gave the id (then it is checked against every type, as the API does). */
  explicitId: boolean;
  ftm?: string | undefined;
  /**
   * Readings of the same link as other types, tried in order when the ends do not fit
   * `relationship` (a FollowTheMoney Ownership is HOLDS when the asset is an Account, MEMBER_OF when
   * it is an Organization...). Known only once both ends are in the graph.
   */
  alternatives?: ReadonlyArray<ValidRelationship & { id: string }>;
}

export interface BulkRejection {
  line: number;
  id: string | undefined;
  reason: string;
}

export interface BulkOutcome<T> {
  created: number;
  updated: number;
  unchanged: number;
  rejected: BulkRejection[];
  /** Items that name an entity or a source not (yet) in the graph: try again at the end of the import. */
  deferred: T[];
  /** Relationships written (created or updated), for the watch rules (src/graph/watch.ts); absent for entities. */
  written?: WrittenRelationship[];
}

/** True when the graph holds no entity and no relationship (answered from the count store). */
export async function graphHasNoData(db: Database): Promise<boolean> {
  const { records } = await db.read<{ nodes: number; relationships: number }>(
    'CALL () { MATCH (n:Entity) RETURN count(n) AS nodes } CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships } RETURN nodes, relationships',
  );
  return Number(records[0]?.get('nodes') ?? 0) === 0 && Number(records[0]?.get('relationships') ?? 0) === 0;
}

/**
 * Waits until the fulltext index (eventually consistent, see migration 0004) has taken in every
 * committed write, so that `search` finds what an import or a seed just wrote.
 */
export async function awaitSearchIndex(db: Database): Promise<void> {
  await db.write('CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()');
}

const emptyOutcome = <T>(): BulkOutcome<T> => ({ created: 0, updated: 0, unchanged: 0, rejected: [], deferred: [] });

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Which of these ids are Sources in the graph, looked up `chunk` ids per statement. */
export async function findSourceIds(db: Database, ids: readonly string[], chunk: number): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += chunk) {
    const { records } = await db.read<{ id: string }>('UNWIND $ids AS id MATCH (s:Entity {id: id}) WHERE s:Source RETURN id', { ids: ids.slice(i, i + chunk) });
    for (const record of records) found.add(record.get('id'));
  }
  return found;
}

async function existingSources(tx: ObservedTransaction, ids: Iterable<string>): Promise<Set<string>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Set();
  const { records } = await tx.run<{ id: string }>('UNWIND $ids AS id MATCH (s:Entity {id: id}) WHERE s:Source RETURN id', { ids: list });
  return new Set(records.map((r) => r.get('id')));
}

/**
 * Upserts a batch of entities. `final` says whether an item naming a missing source is deferred
 * (false: it may still come later in the stream) or rejected (true). `settled`: Sources not in the
 * graph yet that count as available, because the settling of every waiting line (see
 * src/interchange/waitingLines.ts) found that they are written in this pass.
 */
export async function upsertEntityBatch(tx: ObservedTransaction, items: readonly BulkEntity[], now: string, final: boolean, fresh?: FreshImport, settled?: ReadonlySet<string>): Promise<BulkOutcome<BulkEntity>> {
  const outcome = emptyOutcome<BulkEntity>();
  // Repeats of an id in one batch fold into one write, later lines winning, as sequential upserts would.
  const byId = new Map<string, BulkEntity>();
  for (const item of items) {
    const earlier = byId.get(item.entity.id);
    if (earlier && !earlier.ensureOnly && !item.ensureOnly) {
      if (earlier.entity.label !== item.entity.label) {
        outcome.rejected.push({ line: item.line, id: item.entity.id, reason: kindConflict(item.entity.id, earlier.entity.label) });
        continue;
      }
      byId.set(item.entity.id, {
        line: item.line,
        entity: { ...item.entity, properties: { ...earlier.entity.properties, ...item.entity.properties }, provenance: item.entity.provenance ?? earlier.entity.provenance },
        ftm: item.ftm ?? earlier.ftm,
      });
    } else if (!earlier || earlier.ensureOnly) {
      byId.set(item.entity.id, item);
    }
  }
  if (byId.size === 0) return outcome;

  const lookup = fresh ? [...byId.keys()].filter((id) => fresh.entities.mayHave(id)) : [...byId.keys()];
  const existing = new Map<string, string[]>();
  if (lookup.length > 0) {
    const { records } = await tx.run<{ id: string; labels: string[] }>('UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, labels(n) AS labels', { ids: lookup });
    for (const r of records) existing.set(r.get('id'), r.get('labels'));
  }
  // Every source named, in the batch or not, is looked up: a batch Source that turns out to be
  // rejected or deferred may still exist already (then it is an update and may be cited).
  const named = [...byId.values()].flatMap((i) => citedSources(i.entity.provenance));
  const sources = await existingSources(tx, named);
  const available = (id: string) => sources.has(id) || (settled?.has(id) ?? false);

  const toCreate = new Map<EntityLabel, BulkEntity[]>();
  const toUpdate = new Map<EntityLabel, BulkEntity[]>();
  // Not another kind already; the rest is up to their sources, settled for the batch as a whole.
  const candidates: BulkEntity[] = [];
  // An id merged into another entity is no entity any more (src/graph/merges.ts): refused, naming the survivor.
  const merged = lookup.length > 0 ? await activeMergeOf(tx, lookup.filter((id) => !existing.has(id))) : new Map<string, { mergeId: string; resolvedTo: string }>();
  for (const item of byId.values()) {
    const labels = existing.get(item.entity.id);
    const merge = merged.get(item.entity.id);
    if (merge) {
      outcome.rejected.push({ line: item.line, id: item.entity.id, reason: mergedIdProblem(item.entity.id, merge) });
      continue;
    }
    if (item.ensureOnly && labels) continue;
    if (labels && !labels.includes(item.entity.label)) outcome.rejected.push({ line: item.line, id: item.entity.id, reason: kindConflict(item.entity.id, kindOf(labels)) });
    else candidates.push(item);
  }
  const missing = settleCitations(candidates.map((item) => ({ id: item.entity.id, kind: item.entity.label, cites: citedSources(item.entity.provenance) })), available);
  candidates.forEach((item, i) => {
    const misses = missing[i]!;
    if (misses.length === 0) push(existing.has(item.entity.id) ? toUpdate : toCreate, item.entity.label, item);
    else if (final) outcome.rejected.push({ line: item.line, id: item.entity.id, reason: missingSources(misses) });
    else outcome.deferred.push(item);
  });

  // Sources first: the other entities of the batch may name them.
  const order = [...ENTITY_LABELS].sort((a, b) => Number(b === 'Source') - Number(a === 'Source'));
  const written = [...toCreate.values(), ...toUpdate.values()].flat().map((item) => item.entity);
  await withTallies(tx, entitySubjects(written), () => writeEntities(tx, order, toCreate, toUpdate, outcome, now, fresh));
  await refreshResolutionKeys(tx, written.map((entity) => entity.id));
  return outcome;
}

async function writeEntities(
  tx: ObservedTransaction, order: readonly EntityLabel[], toCreate: ReadonlyMap<EntityLabel, BulkEntity[]>, toUpdate: ReadonlyMap<EntityLabel, BulkEntity[]>,
  outcome: BulkOutcome<BulkEntity>, now: string, fresh: FreshImport | undefined,
): Promise<void> {
  for (const label of order) {
    const created = toCreate.get(label);
    if (created) {
      // Grouped by derived labels (DERIVED_LABELS), so each CREATE names all of a node's labels.
      const byLabels = new Map<string, Array<Record<string, unknown>>>();
      for (const item of created) {
        const row = newEntityProperties(item, now);
        push(byLabels, [label, ...derivedLabelsOf(label, row)].join(':'), row);
      }
      for (const [labels, rows] of byLabels) {
        await tx.run(
          // Properties in the CREATE itself: a later `SET n = row` adds an Eager and a second pass.
          `UNWIND $rows AS row
           CREATE (n:Entity:${labels} ${withGeoPoint(label, propertyMapOf(rows, 'row'))})`,
          { rows },
        );
      }
      if (fresh) for (const item of created) fresh.entities.add(item.entity.id);
      outcome.created += created.length;
    }
    const updated = toUpdate.get(label);
    if (updated) {
      const result = await tx.run<{ changed: number }>(
        `UNWIND $rows AS row
         MATCH (n:Entity {id: row.id})
         WITH n, row, properties(n) AS before
         SET n += row.properties, n.name = row.name
         SET n.identifiers = ${identifiersExpression(label)}, ${identifierTextAssignments(label)}${geoPointAssignment(label)}
         FOREACH (_ IN CASE WHEN row.provenance IS NULL THEN [] ELSE [1] END |
           SET n.sourceIds = row.provenance.sourceIds, n.grades = row.provenance.grades)${derivedLabelClauses(label)}
         WITH n, before <> properties(n) AS changed
         FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET n.updatedAt = $now)
         RETURN count(CASE WHEN changed THEN 1 END) AS changed`,
        { rows: updated.map(entityRow), now },
      );
      const changed = Number(result.records[0]?.get('changed') ?? 0);
      outcome.updated += changed;
      outcome.unchanged += updated.length - changed;
    }
  }
}

/**
 * Every property a new node gets, as upsertEntity would store them (identifiers as its
 * `identifiersExpression` computes them: absent when there are none). Also the rows of an initial load.
 */
export function newEntityProperties(item: BulkEntity, now: string): Record<string, unknown> {
  const { id, name, properties, provenance } = entityRow(item);
  const row: Record<string, unknown> = { ...properties, ...provenance, id, name, createdAt: now, updatedAt: now };
  const identifiers = KINDS[item.entity.label].identifierProperties.map((p) => row[p]).filter((value) => value !== null && value !== undefined);
  if (identifiers.length > 0) row['identifiers'] = identifiers;
  for (const [which, property] of [['public', IDENTIFIER_TEXT], ['protected', PROTECTED_IDENTIFIER_TEXT]] as const) {
    const text = identifierText(item.entity.label, row, which);
    if (text !== undefined) row[property] = text;
  }
  return row;
}

/**
 * `{key: holder.key, ...}` over every key any row has, for a CREATE that sets all properties at
 * once (a key a row lacks is null there, and CREATE skips null properties, as `SET n = row` does).
 * Keys are property names from the model (and `ftm`); backticks keep any of them a valid name.
 */
function propertyMapOf(rows: ReadonlyArray<Record<string, unknown>>, holder: string): string {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  const name = (key: string) => `\`${key.replaceAll('`', '``')}\``;
  return `{${[...keys].sort().map((key) => `${name(key)}: ${holder}.${name(key)}`).join(', ')}}`;
}

/** Why the stored pairs would be out of order after an update (a null removes a property), or undefined. */
function orderProblem(merged: Record<string, unknown>): string | undefined {
  const kept = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== null && value !== undefined));
  try {
    checkRelationshipOrder(kept, 'record');
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return `${error.message} (with the values already stored)`;
    throw error;
  }
}

/** A CREATE's property map with the kind's point (src/graph/geo.ts) computed from the row's coordinates. */
function withGeoPoint(label: EntityLabel, map: string): string {
  return GEO_KINDS.includes(label) ? `${map.slice(0, -1)}${map === '{}' ? '' : ', '}${GEO_POINT}: ${geoPointExpression('row')}}` : map;
}

function entityRow({ entity, ftm }: BulkEntity): Record<string, unknown> & { id: string; name: string; properties: Record<string, unknown>; provenance: { sourceIds: string[]; grades: string[] } | null } {
  const properties = storedProperties(entity.properties, ENTITY_PROPERTY_SPECS[entity.label]);
  if (ftm !== undefined) properties['ftm'] = ftm;
  return { id: entity.id, name: entity.name, properties, provenance: entity.provenance ? provenanceLists(entity.provenance) : null };
}

/**
 * Creates or updates a batch of relationships by id, after the same checks as a link mutation (both
 * ends exist and are of allowed kinds, the id is not another relationship's, the sources exist).
 * `final` says whether an item with a missing end or source is deferred or rejected.
 */
export async function linkRelationshipBatch(tx: ObservedTransaction, items: readonly BulkRelationship[], now: string, final: boolean, fresh?: FreshImport): Promise<BulkOutcome<BulkRelationship>> {
  const outcome = emptyOutcome<BulkRelationship>();
  const byId = new Map<string, BulkRelationship>();
  for (const item of items) {
    const r = item.relationship;
    const earlier = byId.get(r.id);
    if (earlier && !sameLink(earlier.relationship, r)) {
      outcome.rejected.push({ line: item.line, id: r.id, reason: relationshipIdTaken(r.id, earlier.relationship) });
      continue;
    }
    byId.set(r.id, earlier ? { ...item, relationship: { ...r, properties: { ...earlier.relationship.properties, ...r.properties } }, ftm: item.ftm ?? earlier.ftm } : item);
  }
  if (byId.size === 0) return outcome;

  const endIds = new Set<string>();
  for (const { relationship } of byId.values()) endIds.add(relationship.from).add(relationship.to);
  const { records: endRecords } = await tx.run<{ id: string; node: string; labels: string[]; locationType: string | null }>(
    'UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN id, elementId(n) AS node, labels(n) AS labels, n.locationType AS locationType',
    { ids: [...endIds] },
  );
  const ends = new Map(endRecords.map((r) => [r.get('id'), { node: r.get('node'), labels: r.get('labels'), locationType: r.get('locationType') }]));
  const sources = await existingSources(tx, [...byId.values()].flatMap((i) => citedSources(i.relationship.provenance)));
  // An end that is missing because it was merged into another entity: said so, naming the survivor.
  const absent = [...endIds].filter((id) => !ends.has(id));
  const merged = final && absent.length > 0 ? await activeMergeOf(tx, absent) : new Map<string, { mergeId: string; resolvedTo: string }>();

  const candidates: BulkRelationship[] = [];
  for (let item of byId.values()) {
    const from = ends.get(item.relationship.from);
    const to = ends.get(item.relationship.to);
    if (from && to && item.alternatives) {
      const fitting = readingThatFits([item.relationship, ...item.alternatives], from, to);
      if (fitting) item = { ...item, relationship: fitting };
    }
    const r = item.relationship;
    const misses = citedSources(r.provenance).filter((s) => !sources.has(s));
    if (!from || !to || misses.length > 0) {
      if (!final) outcome.deferred.push(item);
      else {
        const mergedEnd = [r.from, r.to].find((end) => merged.has(end));
        const reason = mergedEnd ? mergedIdProblem(mergedEnd, merged.get(mergedEnd)!) : missingEnds(r, !from, !to)?.reason ?? missingSources(misses);
        outcome.rejected.push({ line: item.line, id: r.id, reason });
      }
      continue;
    }
    const problem = endsProblem(r, from, to);
    if (problem) {
      outcome.rejected.push({ line: item.line, id: r.id, reason: problem.reason });
      continue;
    }
    candidates.push(item);
  }

  // Which ids are already in use: by relationships of the same type (then it is an update, if the
  // ends agree), and for ids the file gave, by relationships of any type (ids are unique across types).
  const lookups = new Map<RelationshipType, string[]>();
  for (const item of candidates) {
    if (fresh && !fresh.relationships.mayHave(item.relationship.id)) continue;
    const types = item.explicitId ? RELATIONSHIP_TYPES : [item.relationship.type];
    for (const type of types) push(lookups, type, item.relationship.id);
  }
  const inUse = new Map<string, { type: string; fromId: string; toId: string; properties: Record<string, unknown> }>();
  for (const [type, ids] of lookups) {
    const { records } = await tx.run<{ id: string; fromId: string; toId: string; properties: Record<string, unknown> }>(
      // The hint: without it the planner may scan every relationship of the type per batch.
      `UNWIND $ids AS id MATCH (a)-[r:${type} {id: id}]->(b) USING INDEX r:${type}(id) RETURN id, a.id AS fromId, b.id AS toId, properties(r) AS properties`,
      { ids },
    );
    for (const record of records) inUse.set(record.get('id'), { type, fromId: record.get('fromId'), toId: record.get('toId'), properties: record.get('properties') });
  }

  const toCreate = new Map<RelationshipType, BulkRelationship[]>();
  const toUpdate = new Map<RelationshipType, Array<BulkRelationship & { stored: Record<string, unknown> }>>();
  for (const item of candidates) {
    const r = item.relationship;
    const used = inUse.get(r.id);
    const link = used && { type: used.type, from: used.fromId, to: used.toId };
    if (link && !sameLink(link, r)) {
      outcome.rejected.push({ line: item.line, id: r.id, reason: relationshipIdTaken(r.id, link) });
      continue;
    }
    if (used) {
      // The pairs (held from/until, start/end, figure bounds) as they would be stored after the update.
      const problem = orderProblem({ ...used.properties, ...storedProperties(r.properties, RELATIONSHIPS[r.type].properties) });
      if (problem) outcome.rejected.push({ line: item.line, id: r.id, reason: problem });
      else push(toUpdate, r.type, { ...item, stored: used.properties });
    } else push(toCreate, r.type, item);
  }

  const written = [...toCreate.values(), ...toUpdate.values()].flat().map((item) => item.relationship);
  await withTallies(tx, relationshipSubjects(written), () => writeRelationships(tx, toCreate, toUpdate, outcome, now, ends, fresh));
  outcome.written = written.map(({ id, type, from, to }) => ({ id, type, from, to }));
  return outcome;
}

async function writeRelationships(
  tx: ObservedTransaction, toCreate: ReadonlyMap<RelationshipType, BulkRelationship[]>, toUpdate: ReadonlyMap<RelationshipType, Array<BulkRelationship & { stored: Record<string, unknown> }>>,
  outcome: BulkOutcome<BulkRelationship>, now: string, ends: ReadonlyMap<string, { node: string }>, fresh: FreshImport | undefined,
): Promise<void> {
  for (const type of RELATIONSHIP_TYPES) {
    const created = toCreate.get(type);
    if (created) {
      const rows = created.map((item) => newRelationshipRow(item, now, ends));
      await tx.run(
        // The ends by element id (looked up above, in this transaction): a direct seek, no index.
        // Properties in the CREATE itself: a later `SET r = row.props` adds an Eager and a second pass.
        `UNWIND $rows AS row
         MATCH (a) WHERE elementId(a) = row.from
         MATCH (b) WHERE elementId(b) = row.to
         CREATE (a)-[r:${type} ${propertyMapOf(rows.map((row) => row.props), 'row.props')}]->(b)`,
        { rows },
      );
      if (fresh) for (const item of created) fresh.relationships.add(item.relationship.id);
      outcome.created += created.length;
    }
    const updated = toUpdate.get(type);
    if (updated) {
      const result = await tx.run<{ changed: number }>(
        `UNWIND $rows AS row
         MATCH ()-[r:${type} {id: row.id}]->() USING INDEX r:${type}(id)
         WITH r, row, properties(r) AS before
         SET r += row.properties, r.sourceIds = row.sourceIds, r.grades = row.grades, r.sortKey = row.sortKey
         WITH r, before <> properties(r) AS changed
         FOREACH (_ IN CASE WHEN changed THEN [1] ELSE [] END | SET r.updatedAt = $now)
         RETURN count(CASE WHEN changed THEN 1 END) AS changed`,
        { rows: updated.map((item) => ({ ...relationshipRow(item), sortKey: sortKeyOf(type, { ...item.stored, ...relationshipRow(item).properties }, item.relationship.id) })), now },
      );
      const changed = Number(result.records[0]?.get('changed') ?? 0);
      outcome.updated += changed;
      outcome.unchanged += updated.length - changed;
    }
  }
}

function relationshipRow({ relationship, ftm }: BulkRelationship): { id: string; from: string; to: string; properties: Record<string, unknown>; sourceIds: string[]; grades: string[] } {
  const properties = storedProperties(relationship.properties, RELATIONSHIPS[relationship.type].properties);
  if (ftm !== undefined) properties['ftm'] = ftm;
  return { id: relationship.id, from: relationship.from, to: relationship.to, properties, ...provenanceLists(relationship.provenance) };
}

/** The ends and every property a new relationship gets, as linkRelationship would store them. */
function newRelationshipRow(item: BulkRelationship, now: string, ends: ReadonlyMap<string, { node: string }>): { from: string | undefined; to: string | undefined; props: Record<string, unknown> } {
  return { from: ends.get(item.relationship.from)?.node, to: ends.get(item.relationship.to)?.node, props: newRelationshipProperties(item, now) };
}

/** Every property a new relationship gets (also the rows of an initial load). */
export function newRelationshipProperties(item: BulkRelationship, now: string): Record<string, unknown> {
  const { id, properties, sourceIds, grades } = relationshipRow(item);
  const sortKey = sortKeyOf(item.relationship.type, properties, id);
  return { ...properties, id, sourceIds, grades, sortKey, createdAt: now, updatedAt: now };
}
