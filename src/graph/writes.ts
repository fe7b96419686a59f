import { createHash } from 'node:crypto';
import { int, type Node, type Relationship } from 'neo4j-driver';
import { StatementDeclined, type ObservedTransaction, type StatementPiece } from '../database/index.js';
import {
  citedSources, DERIVED_LABELS, derivedLabelsOfKind, endsProblem, ENTITY_PROPERTY_SPECS, identifierProperties, kindConflict, kindOf, KINDS, missingEnds, missingSources, RELATIONSHIPS, RELATIONSHIP_TYPES,
  relationshipIdTaken, sameLink, type EntityLabel, type PropertySpecs, type EntityModel, type RelationshipModel, type RelationshipType,
} from '../model/index.js';
import { checkRelationshipOrder, InputError, RELATIONSHIP_ORDERED_PAIRS, type ProvenanceItem, type ValidEntity, type ValidRelationship } from '../validation/index.js';
import { geoPointAssignment } from './geo.js';
import { identifierTextAssignments } from './identifierText.js';
import { activeMergesCypher, mergedIdProblem } from './merges.js';
import { toEntityModel, toRelationshipModel } from './records.js';
import { refreshResolutionKeys, refreshResolutionKeysOf } from './resolution.js';
import { subjectsOfDeletion, talliedWrite, withTallies, type TallySubjects, type WriteStatement } from './tallies.js';

/**
 * Writes, each inside the caller's write transaction so that a mutation or an import batch is all or
 * nothing. Referential checks run first and throw InputError; nothing is written when they fail.
 */

/** JavaScript numbers reach Neo4j as floats; integer properties must be stored as integers. */
export function storedProperties(properties: Record<string, unknown>, specs: PropertySpecs): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(properties)) {
    stored[name] = specs[name]?.type === 'int' && typeof value === 'number' ? int(value) : value;
  }
  return stored;
}

export function provenanceLists(provenance: ProvenanceItem[]): { sourceIds: string[]; grades: string[] } {
  return { sourceIds: citedSources(provenance), grades: provenance.map((p) => `${p.reliability}${p.credibility}`) };
}

/**
 * `[n.identifier, ...]`: properties copied into `identifiers` for fulltext search; null (no property)
 * when there are none, as an initial bulk load (which cannot store an empty list) leaves it. `holder`
 * is what holds the properties: the node (`n`), or a row map when the node is created from it in one SET.
 */
export function identifiersExpression(label: EntityLabel, holder = 'n'): string {
  const values = KINDS[label].identifierProperties.map((p) => `${holder}.${p}`);
  if (values.length === 0) return 'null';
  return `CASE WHEN ${values.map((v) => `${v} IS NULL`).join(' AND ')} THEN null ELSE [value IN [${values.join(', ')}] WHERE value IS NOT NULL] END`;
}

/**
 * `CALL` subquery returning `missing`: the ids of `$sourceIds` that are not sources in the graph.
 * Looked up through the Entity.id constraint (a `:Source {id}` pattern would scan every source).
 * A subquery, so a write's checks are one statement and one round trip.
 */
const MISSING_SOURCES = `CALL () {
       UNWIND $sourceIds AS sourceId
       OPTIONAL MATCH (s:Entity {id: sourceId}) WHERE s:Source
       WITH sourceId, s WHERE s IS NULL
       RETURN collect(sourceId) AS missing
     }`;

/**
 * `CALL` subquery returning `merged`: the merge `$id` was merged by and where it resolves now, or
 * null. A merged id is no entity any more: writes to it are refused, naming the survivor.
 */
const MERGED_INTO = `CALL () {
       CALL () { ${activeMergesCypher('[$id]')} }
       RETURN head(collect({mergeId: mergeId, resolvedTo: resolvedTo})) AS merged
     }`;

/**
 * Cypher that sets or removes the kind's derived labels (DERIVED_LABELS) on `variable` from its
 * stored properties, after they are written. Labels and property names are the model's constants.
 */
export function derivedLabelClauses(label: EntityLabel, variable = 'n'): string {
  return derivedLabelsOfKind(label).map(([derived, spec]) => `
     FOREACH (_ IN CASE WHEN '${spec.value}' IN coalesce(${variable}.${spec.property}, []) THEN [1] ELSE [] END | SET ${variable}:${derived})
     FOREACH (_ IN CASE WHEN '${spec.value}' IN coalesce(${variable}.${spec.property}, []) THEN [] ELSE [1] END | REMOVE ${variable}:${derived})`).join('');
}

/**
 * How a mutation's write goes: `oneStatement` (the default) sends its checks, the write with its
 * tally bookkeeping (talliedWrite) and what goes `alongside` as one statement; false takes the
 * stepwise reference path (checks and the tallies' lock, then the write, then the tallies), which
 * test/graph/talliedWrites.test.ts compares it with. On the one-statement path the checks that the
 * write could trip over keep it from running, but a refusal read from the others (an end of the wrong
 * kind) comes after the write and what went alongside: the caller's transaction must roll back (a
 * thrown error does, in Database.writeTransaction), never go on to commit.
 */
export interface WriteOptions {
  oneStatement?: boolean;
  /** Cypher of another layer (the audit append) to run in the write's one statement, after the write; its values come back as `carried`. Ignored on the stepwise path. */
  alongside?: StatementPiece | undefined;
  /**
   * The one statement decides everything, for an auto-commit transaction (Database.writeStatement),
   * which nothing can roll back: it writes, and runs what goes alongside (which must then always do
   * its work), only when no refusal applies and no further statement is needed (for an upsert, an
   * existing entity whose name, aliases and identifiers stay as they are, so its blocking keys do;
   * for a link, ends of allowed kinds, dates and bounds in order, no watch rule). Otherwise it
   * writes nothing and the call throws the refusal, or StatementDeclined for the caller to write as
   * a transaction. Only on the one-statement path.
   */
  decides?: boolean;
}

/**
 * The checks, each extra check as `CALL () { … }`, the guard then bound as `written`, and the tallied
 * write and the piece each under it: a statement that writes all or nothing by its own decision.
 */
function decidingStatement(checks: string, extraChecks: readonly string[], guard: string, imports: string, tallied: string, piece: StatementPiece): string {
  return `CALL () { ${checks} }
       ${extraChecks.map((check) => `CALL () { ${check} }`).join('\n       ')}
       WITH *, ${guard} AS written
       OPTIONAL CALL (${imports}, written) {
         WITH * WHERE written
         ${tallied}
       }
       OPTIONAL CALL (written) {
         WITH * WHERE written
         ${piece.cypher}
       }`;
}

/** The columns of `piece` in the record (absent when the write did not carry it). */
function carriedValues(piece: StatementPiece | undefined, record: { get(key: string): unknown } | undefined): Record<string, unknown> | undefined {
  if (!piece || !record) return undefined;
  return Object.fromEntries(piece.columns.map((column) => [column, record.get(column)]));
}

/** `CALL () { … }` of the piece, or nothing; its columns after the host's. */
function alongsideClauses(piece: StatementPiece | undefined): { call: string; columns: string } {
  return piece ? { call: `CALL () { ${piece.cypher} }`, columns: `, ${piece.columns.join(', ')}` } : { call: '', columns: '' };
}

type EntityChecks = { labels: string[] | null; missing: string[]; merged: { mergeId: string; resolvedTo: string } | null };

/** Whether the upsert's subjects are known before it (no location's country given, which moves the people and centres at it): the one-statement path. */
export function knowsSubjects(entity: ValidEntity): boolean {
  return (entitySubjects([entity]).locations?.length ?? 0) === 0;
}

/** Creates or updates an entity by id. Returns it as stored, and whether it was new. */
export async function upsertEntity(tx: ObservedTransaction, entity: ValidEntity, { oneStatement = true, alongside, decides = false }: WriteOptions = {}): Promise<{ entity: EntityModel; created: boolean; carried?: Record<string, unknown> | undefined }> {
  const provenance = entity.provenance ? provenanceLists(entity.provenance) : undefined;
  // What is stored under the id and which cited sources are missing; refused in that order.
  const checks = `OPTIONAL MATCH (n:Entity {id: $id})
     WITH labels(n) AS labels
     ${MISSING_SOURCES}
     ${MERGED_INTO}
     RETURN labels, missing, merged`;
  const checkParams = { id: entity.id, sourceIds: provenance?.sourceIds ?? [] };
  const subjects = entitySubjects([entity]);
  const statement = writeEntityStatement(entity, provenance, oneStatement);
  const tallied = oneStatement ? talliedWrite(subjects, statement) : undefined;
  let labels: string[] | null = null;
  let result;
  if (decides && !(tallied && alongside)) throw new StatementDeclined('the write is not one statement');
  if (tallied && decides && alongside) {
    // Written only over an entity of this kind whose keys stay as they are (else no refusal applies
    // and the caller writes as a transaction: a new entity's keys, a rename's, are made there).
    const keyFacts = keyFactsOf(entity);
    result = await tx.run<{ n: Node | null; storedKeys?: string[]; written: boolean }>(
      `${decidingStatement(checks, [`OPTIONAL MATCH (n:Entity {id: $id}) RETURN coalesce(${Object.keys(keyFacts).map((p) => `n.${p} = $keyFacts.${p}`).join(' AND ')}, false) AS keyFactsKept`],
        'merged IS NULL AND $label IN coalesce(labels, []) AND size(missing) = 0 AND keyFactsKept', 'labels, missing, merged, keyFactsKept', tallied.cypher, alongside)}
       RETURN labels, missing, merged, written, ${statement.returns}, ${alongside.columns.join(', ')}`,
      { ...checkParams, ...tallied.params, ...alongside.params, label: entity.label, keyFacts },
    );
    const record = result.records[0];
    labels = refuseEntity(entity, record?.toObject() as EntityChecks | undefined);
    if (record?.get('written') !== true) throw new StatementDeclined(labels === null ? 'a new entity' : 'its blocking keys may change');
    // The keys stand: name, aliases and identifiers are as they were, and so is what they make.
    return { entity: toEntityModel(record.get('n') as Node), created: false, carried: carriedValues(alongside, record) };
  } else if (tallied) {
    // One statement: the checks, then the write with its tallies unless they refuse it (refuseEntity's
    // conditions; nothing to roll back then), then what goes alongside (the audit append).
    const with_ = alongsideClauses(alongside);
    result = await tx.run<{ n: Node | null; storedKeys?: string[] }>(
      `CALL () { ${checks} }
       OPTIONAL CALL (labels, missing, merged) {
         WITH * WHERE merged IS NULL AND (labels IS NULL OR $label IN labels) AND size(missing) = 0
         ${tallied.cypher}
       }
       ${with_.call}
       RETURN labels, missing, merged, ${statement.returns}${with_.columns}`,
      { ...checkParams, ...tallied.params, ...alongside?.params, label: entity.label },
    );
    labels = refuseEntity(entity, result.records[0]?.toObject() as EntityChecks | undefined);
  } else {
    const checked = tx.run<EntityChecks>(checks, checkParams);
    checked.catch(() => undefined); // awaited in the write below; a failure fails the statements after it too
    result = await withTallies(tx, subjects, async () => {
      labels = refuseEntity(entity, (await checked).records[0]?.toObject());
      return tx.run<{ n: Node | null; storedKeys?: string[] }>(statement.cypher, statement.params);
    });
  }
  const node = result.records[0]?.get('n');
  if (!node) throw new Error(`upsert of ${entity.id} returned no node`);
  refreshResolutionKeysOf(tx, node, oneStatement ? result.records[0]?.get('storedKeys') : undefined);
  return { entity: toEntityModel(node), created: labels === null, carried: tallied ? carriedValues(alongside, result.records[0]) : undefined };
}

/**
 * What an entity's blocking keys are made of (src/graph/resolution.ts) that the upsert sets: its
 * name, and its aliases and identifiers where the input gives them (others are kept as stored).
 */
function keyFactsOf(entity: ValidEntity): Record<string, unknown> {
  const specs = ENTITY_PROPERTY_SPECS[entity.label];
  const given = ['aliases', ...identifierProperties(entity.label, 'public'), ...identifierProperties(entity.label, 'protected')]
    .filter((property) => Object.hasOwn(entity.properties, property));
  return { name: entity.name, ...storedProperties(Object.fromEntries(given.map((property) => [property, entity.properties[property]])), specs) };
}

/** The upsert's refusals, in order (a merged id, another kind under the id, missing sources); else the labels stored under the id (null: new). */
function refuseEntity(entity: ValidEntity, checked: EntityChecks | undefined): string[] | null {
  const merged = checked?.merged ?? null;
  if (merged) throw new InputError('input.id', mergedIdProblem(entity.id, merged));
  const labels = checked?.labels ?? null;
  if (labels && !labels.includes(entity.label)) throw new InputError('input.id', kindConflict(entity.id, kindOf(labels)));
  const missing = checked?.missing ?? [];
  if (missing.length > 0) throw new InputError('input.provenance', missingSources(missing));
  return labels;
}

/** The upsert's one write statement; `withStoredKeys`: it returns the entity's resolution keys as stored too (`storedKeys`). */
function writeEntityStatement(entity: ValidEntity, provenance: { sourceIds: string[]; grades: string[] } | undefined, withStoredKeys: boolean): WriteStatement {
  const returns = withStoredKeys ? 'n, COLLECT { MATCH (k:ResolutionKey {entityId: n.id}) RETURN k.key } AS storedKeys' : 'n';
  return {
    cypher: `MERGE (n:Entity {id: $id})
     ON CREATE SET n.createdAt = $now
     SET n:${entity.label}, n += $properties, n.name = $name, n.updatedAt = $now
     SET n.identifiers = ${identifiersExpression(entity.label)}, ${identifierTextAssignments(entity.label)}${geoPointAssignment(entity.label)}
     FOREACH (_ IN CASE WHEN $provenance IS NULL THEN [] ELSE [1] END |
       SET n.sourceIds = $provenance.sourceIds, n.grades = $provenance.grades)${derivedLabelClauses(entity.label)}
     RETURN ${returns}`,
    params: { id: entity.id, name: entity.name, properties: storedProperties(entity.properties, ENTITY_PROPERTY_SPECS[entity.label]), provenance: provenance ?? null, now: new Date().toISOString() },
    returns: withStoredKeys ? 'n, storedKeys' : 'n',
  };
}

/** Hex digits of a claim's statement hash in its derived id: enough to tell a body's claims apart. */
const CLAIM_STATEMENT_HASH_LENGTH = 12;

/** The id a relationship gets when the caller gives none: stable, so repeating the call is idempotent. */
export function derivedRelationshipId(relationship: ValidRelationship): string {
  const base = `${relationship.type.toLowerCase()}:${relationship.from}>${relationship.to}`;
  const p = relationship.properties;
  if (relationship.type === 'TRAVELLED_TO') return `${base}#${String(p['seq'])}`;
  if (relationship.type === 'TRANSFERRED') return `${base}#${String(p['reference'] ?? p['at'] ?? '')}`;
  // A body makes several claims about one subject: one per measure, date and statement.
  if (relationship.type === 'CLAIMED') {
    const statement = typeof p['statement'] === 'string' ? createHash('sha256').update(p['statement']).digest('hex').slice(0, CLAIM_STATEMENT_HASH_LENGTH) : undefined;
    return `${base}#${[p['measure'], p['date'], statement].filter((v) => v !== undefined && v !== null).join('/')}`;
  }
  return base;
}

/** Digits of the journey order in a sortKey (zero-padded so that keys compare as strings). */
const SORT_KEY_ORDER_DIGITS = 6;

/**
 * `r.sortKey`: journey order or date, then id, so an entity's relationships page in a meaningful
 * order. `properties` are the relationship's stored properties after the write (for an update: the
 * stored ones overlaid with the new ones). The one implementation, for mutations and imports alike.
 */
export function sortKeyOf(type: RelationshipType, properties: Record<string, unknown>, id: string): string {
  const spec = RELATIONSHIPS[type];
  if (spec.orderProperty) {
    const order = String(properties[spec.orderProperty] ?? 0);
    return `${order.padStart(SORT_KEY_ORDER_DIGITS, '0').slice(-SORT_KEY_ORDER_DIGITS)}|${id}`;
  }
  if (spec.dateProperty) return `${String(properties[spec.dateProperty] ?? '')}|${id}`;
  return id;
}

/** The relationship stored under `$id`, whatever its type (ids are unique across types): at most one row. */
const RELATIONSHIP_BY_ID = `CALL () {
       ${RELATIONSHIP_TYPES.map((t) => `MATCH (a)-[r:${t} {id: $id}]->(b) RETURN type(r) AS type, a.id AS fromId, b.id AS toId, properties(r) AS properties`).join('\n       UNION\n       ')}
     }`;

interface StoredLink { type: RelationshipType; fromId: string; toId: string; properties: Record<string, unknown> }

/** Where a relationship id is already in use, whatever its type, with its properties. */
async function findRelationshipById(tx: ObservedTransaction, id: string): Promise<StoredLink | undefined> {
  const result = await tx.run<StoredLink>(`${RELATIONSHIP_BY_ID} RETURN type, fromId, toId, properties`, { id });
  const record = result.records[0];
  return record ? { type: record.get('type'), fromId: record.get('fromId'), toId: record.get('toId'), properties: record.get('properties') } : undefined;
}

/** `merges`: the active merge of each end, if any (a merged id is no entity any more); a subquery of the link's checks. */
const ACTIVE_MERGES_OF_ENDS = `CALL () { ${activeMergesCypher('[$from, $to]')} }
       RETURN collect({id: id, mergeId: mergeId, resolvedTo: resolvedTo}) AS merges`;

/**
 * Whether the input gives what the link's sort key is made of (its order or date property, if its
 * type has one). When it does not, the key takes the stored value, and the write waits for the
 * checks' read of it: the stepwise path.
 */
export function givesSortKey(relationship: ValidRelationship): boolean {
  const spec = RELATIONSHIPS[relationship.type];
  const property = spec.orderProperty ?? spec.dateProperty;
  return property === undefined || Object.hasOwn(relationship.properties, property);
}

type LinkChecks = { fromLabels: string[] | null; toLabels: string[] | null; toLocationType: string | null; merges: Array<{ id: string; mergeId: string; resolvedTo: string }>; existing: StoredLink[]; missing: string[]; watched: boolean };

/**
 * Creates or updates a relationship by id, after checking both ends exist and are of allowed kinds.
 * `watched`: whether any watch rule existed, read with the checks (for evaluateWatchRules).
 */
export async function linkRelationship(tx: ObservedTransaction, relationship: ValidRelationship, { oneStatement = true, alongside, decides = false }: WriteOptions = {}): Promise<{ relationship: RelationshipModel; created: boolean; watched: boolean; carried?: Record<string, unknown> | undefined }> {
  const spec = RELATIONSHIPS[relationship.type];
  const id = relationship.id ?? derivedRelationshipId(relationship);
  const provenance = provenanceLists(relationship.provenance);
  // The ends, their merges, what the id already names, the missing sources and whether any watch
  // rule exists; refused in that order.
  const checks = `OPTIONAL MATCH (a:Entity {id: $from}) WITH labels(a) AS fromLabels
     OPTIONAL MATCH (b:Entity {id: $to})
     WITH fromLabels, labels(b) AS toLabels, b.locationType AS toLocationType
     CALL () { ${ACTIVE_MERGES_OF_ENDS} }
     CALL () { ${RELATIONSHIP_BY_ID} RETURN collect({type: type, fromId: fromId, toId: toId, properties: properties}) AS existing }
     ${MISSING_SOURCES}
     CALL () { MATCH (rule:WatchRule) RETURN count(rule) > 0 AS watched }
     RETURN fromLabels, toLabels, toLocationType, merges, existing, missing, watched`;
  const checkParams = { from: relationship.from, to: relationship.to, id, sourceIds: provenance.sourceIds };
  const properties = storedProperties(relationship.properties, spec.properties);
  const statement = (existing: StoredLink | undefined): WriteStatement => ({
    cypher: `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
       MERGE (a)-[r:${relationship.type} {id: $id}]->(b)
       ON CREATE SET r.createdAt = $now
       SET r += $properties, r.sourceIds = $sourceIds, r.grades = $grades, r.updatedAt = $now, r.sortKey = $sortKey
       RETURN r`,
    params: { id, from: relationship.from, to: relationship.to, properties, ...provenance, sortKey: sortKeyOf(relationship.type, { ...existing?.properties, ...properties }, id), now: new Date().toISOString() },
    returns: 'r',
  });
  const subjects = relationshipSubjects([{ type: relationship.type, id, from: relationship.from }]);
  const tallied = oneStatement && givesSortKey(relationship) ? talliedWrite(subjects, statement(undefined)) : undefined;
  let existing: StoredLink | undefined;
  let watched = false;
  let result;
  if (decides && !(tallied && alongside)) throw new StatementDeclined('the write is not one statement');
  if (tallied && decides && alongside) {
    // Written only when refuseLink and the ends' kinds let it, what is stored after is in order
    // (checkRelationshipOrder), and no watch rule is to be evaluated; else the refusal, or the
    // caller writes as a transaction.
    result = await tx.run<{ r: Relationship | null; written: boolean }>(
      `${decidingStatement(checks, [], `${LINK_WRITES} AND NOT watched AND ${endsAllowedCondition(relationship.type)} AND ${orderKeptCondition(relationship)}`,
        'fromLabels, toLabels, toLocationType, merges, existing, missing', tallied.cypher, alongside)}
       RETURN fromLabels, toLabels, toLocationType, merges, existing, missing, watched, written, r, ${alongside.columns.join(', ')}`,
      { ...checkParams, ...tallied.params, ...alongside.params, type: relationship.type, ...endsAllowedParams(relationship.type) },
    );
    const record = result.records[0];
    ({ existing, watched } = refuseLink(relationship, id, record?.toObject() as LinkChecks | undefined));
    if (record?.get('written') !== true) throw new StatementDeclined(watched ? 'a watch rule to evaluate' : 'dates or bounds out of order');
    const stored = record.get('r') as Relationship;
    return { relationship: toRelationshipModel(stored, relationship.from, relationship.to), created: existing === undefined, watched, carried: carriedValues(alongside, record) };
  } else if (tallied) {
    // One statement: the checks, then the write with its tallies unless a check refuses it in a way
    // the write could trip over (a merged or missing end, the id taken by another link: refuseLink
    // refuses each; the ends' kinds are refused after, and roll back), then what goes alongside.
    const with_ = alongsideClauses(alongside);
    result = await tx.run<{ r: Relationship | null }>(
      `CALL () { ${checks} }
       OPTIONAL CALL (fromLabels, toLabels, merges, existing, missing) {
         WITH * WHERE ${LINK_WRITES}
         ${tallied.cypher}
       }
       ${with_.call}
       RETURN fromLabels, toLabels, toLocationType, merges, existing, missing, watched, r${with_.columns}`,
      { ...checkParams, ...tallied.params, ...alongside?.params, type: relationship.type },
    );
    ({ existing, watched } = refuseLink(relationship, id, result.records[0]?.toObject() as LinkChecks | undefined));
  } else {
    const checked = tx.run<LinkChecks>(checks, checkParams);
    checked.catch(() => undefined); // awaited in the write below; a failure fails the statements after it too
    result = await withTallies(tx, subjects, async () => {
      ({ existing, watched } = refuseLink(relationship, id, (await checked).records[0]?.toObject()));
      const write = statement(existing);
      return tx.run<{ r: Relationship | null }>(write.cypher, write.params);
    });
  }
  const stored = result.records[0]?.get('r');
  if (!stored) throw new Error(`link ${id} returned no relationship`);
  // What is stored now, the earlier values included, is in order; else the transaction rolls back.
  checkRelationshipOrder(stored.properties as Record<string, unknown>, 'input');
  return {
    relationship: toRelationshipModel(stored, relationship.from, relationship.to), created: existing === undefined, watched,
    carried: tallied ? carriedValues(alongside, result.records[0]) : undefined,
  };
}

/** When a link's write cannot trip over its checks: no merged or missing end, no missing source, the id free or this link's. */
const LINK_WRITES = `size(merges) = 0 AND fromLabels IS NOT NULL AND toLabels IS NOT NULL AND size(missing) = 0
           AND (size(existing) = 0 OR (existing[0].type = $type AND existing[0].fromId = $from AND existing[0].toId = $to))`;

/** endsProblem as a condition on the checks' columns: both ends of kinds the type joins, and a location end of a type it goes to. */
function endsAllowedCondition(type: RelationshipType): string {
  const kinds = 'any(label IN fromLabels WHERE label IN $fromKinds) AND any(label IN toLabels WHERE label IN $toKinds)';
  return RELATIONSHIPS[type].toLocationTypes ? `${kinds} AND (NOT 'Location' IN toLabels OR coalesce(toLocationType, '') IN $toLocationTypes)` : kinds;
}

function endsAllowedParams(type: RelationshipType): Record<string, unknown> {
  const spec = RELATIONSHIPS[type];
  return { fromKinds: [...spec.from], toKinds: [...spec.to], toLocationTypes: [...(spec.toLocationTypes ?? [])] };
}

/** The Cypher types of each kind of RELATIONSHIP_ORDERED_PAIRS: dates are strings, bounds numbers. */
const ORDERED_TYPES = { dates: ['STRING'], bounds: ['INTEGER', 'FLOAT'] } as const;

/**
 * checkRelationshipOrder on what the link will store, as a condition on the checks' columns: each
 * value the input's where it gives one (`$properties`), else the stored one (`existing`). Names are
 * the model's constants.
 */
function orderKeptCondition(relationship: ValidRelationship): string {
  const after = (property: string) => (Object.hasOwn(relationship.properties, property) ? `$properties.${property}` : `existing[0].properties.${property}`);
  const of = (value: string, types: readonly string[]) => `(${types.map((type) => `${value} IS :: ${type} NOT NULL`).join(' OR ')})`;
  return RELATIONSHIP_ORDERED_PAIRS.map(([first, second, kind]) =>
    `NOT coalesce(${of(after(first), ORDERED_TYPES[kind])} AND ${of(after(second), ORDERED_TYPES[kind])} AND ${after(first)} > ${after(second)}, false)`).join(' AND ');
}

/** The link's refusals, in order (merged ends, missing or wrong ends, the id naming another link, missing sources); else what the id names now and whether any rule watches. */
function refuseLink(relationship: ValidRelationship, id: string, record: LinkChecks | undefined): { existing: StoredLink | undefined; watched: boolean } {
  const mergedEnds = new Map((record?.merges ?? []).map((m) => [m.id, m]));
  for (const end of ['from', 'to'] as const) {
    const merge = mergedEnds.get(relationship[end]);
    if (merge) throw new InputError(`input.${end}`, mergedIdProblem(relationship[end], merge));
  }
  const fromLabels = record?.fromLabels ?? null;
  const toLabels = record?.toLabels ?? null;
  const refusal = missingEnds(relationship, fromLabels === null, toLabels === null)
    ?? endsProblem(relationship, { labels: fromLabels ?? [], locationType: null }, { labels: toLabels ?? [], locationType: record?.toLocationType ?? null });
  if (refusal) throw new InputError(`input.${refusal.end}`, refusal.reason);
  const existing = record?.existing[0];
  if (existing && !sameLink({ type: existing.type, from: existing.fromId, to: existing.toId }, relationship)) {
    throw new InputError('input.id', relationshipIdTaken(id, { type: existing.type, from: existing.fromId, to: existing.toId }));
  }
  const missing = record?.missing ?? [];
  if (missing.length > 0) throw new InputError('input.provenance', missingSources(missing));
  return { existing, watched: record?.watched ?? false };
}

/** Deletes a relationship by id; returns its type, or undefined when there was none. */
export async function unlinkRelationship(tx: ObservedTransaction, id: string): Promise<RelationshipType | undefined> {
  const existing = await findRelationshipById(tx, id);
  if (!existing) return undefined;
  await withTallies(tx, relationshipSubjects([{ type: existing.type, id, from: existing.fromId }]), () => tx.run(`MATCH ()-[r:${existing.type} {id: $id}]->() DELETE r`, { id }));
  return existing.type;
}

/**
 * Deletes entities with their relationships, keeping the dashboard tallies exact. Not a mutation of
 * the API (nothing is erased through it); for maintenance and tests that remove what they wrote.
 */
export async function deleteEntities(tx: ObservedTransaction, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await withTallies(tx, await subjectsOfDeletion(tx, ids), () => tx.run('UNWIND $ids AS id MATCH (n:Entity {id: id}) DETACH DELETE n', { ids }));
  await refreshResolutionKeys(tx, ids);
}

/** The one stored property of a person a dashboard reads: victimsByNationality counts the label derived from it. */
const PERSON_TALLIED_PROPERTY = DERIVED_LABELS.TraffickingVictim.property;

/** Which dashboard buckets upserting these entities may move (src/graph/tallies.ts). */
export function entitySubjects(entities: ReadonlyArray<Pick<ValidEntity, 'id' | 'label' | 'properties'>>): TallySubjects {
  return {
    // A person's buckets follow their derived labels (from `roles`) and relationships: an upsert
    // that gives no roles moves none (properties are merged in, and a new person without roles or
    // relationships is on no board), so it takes no tally lock and reads no rows.
    persons: entities.filter((e) => e.label === 'Person' && Object.hasOwn(e.properties, PERSON_TALLIED_PROPERTY)).map((e) => e.id),
    centres: entities.filter((e) => e.label === 'ScamCentre').map((e) => e.id),
    // A location moves the corridors and centres through it only when its country code changes.
    locations: entities.filter((e) => e.label === 'Location' && Object.hasOwn(e.properties, 'countryCode'))
      .map((e) => ({ id: e.id, countryCode: (e.properties['countryCode'] as string | null | undefined) ?? null })),
  };
}

/** Which dashboard buckets writing or deleting these relationships may move: the person, centre or transfer they are about. */
export function relationshipSubjects(relationships: ReadonlyArray<{ type: RelationshipType; id: string; from: string }>): TallySubjects {
  const of = (...types: RelationshipType[]) => relationships.filter((r) => types.includes(r.type));
  return {
    persons: of('NATIONAL_OF', 'TRAVELLED_TO').map((r) => r.from),
    centres: of('LOCATED_IN').map((r) => r.from),
    transfers: of('TRANSFERRED').map((r) => r.id),
  };
}
