import { int } from 'neo4j-driver';
import { DEFAULT_HUB_DEGREE } from '../config/index.js';
import { ENTITY_LABELS, RELATIONSHIP_TYPES, type EntityLabel, type RelationshipType } from '../model/index.js';
import { hidesAnything, visibilityParameters, visibleNodeCondition, visibleRelationshipCondition, withoutLens, type Visibility } from '../policy/index.js';
import { provenanceCondition, type ProvenanceFilter } from './provenance.js';

/** Which relationships and entities a traversal may use (TraversalFilter in the schema). */
export interface TraversalFilter {
  relationshipTypes?: readonly RelationshipType[] | null;
  includeLabels?: readonly EntityLabel[] | null;
  excludeLabels?: readonly EntityLabel[] | null;
  since?: string | null;
  until?: string | null;
  provenance?: ProvenanceFilter | null;
  includeHubs?: boolean | null;
  maxDegree?: number | null;
}

/** `:A|B` from validated enum values, or '' for every type. Never built from request text. */
export function typeAlternation(types: readonly RelationshipType[] | null | undefined): string {
  if (!types || types.length === 0) return '';
  for (const type of types) if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) throw new Error(`Unknown relationship type ${type}`);
  return `:${types.join('|')}`;
}

/** The date a relationship is dated by, whatever its type (at, date, heldFrom, since). */
const RELATIONSHIP_DATE = 'coalesce(r.at, r.date, r.heldFrom, r.since)';

/** Which end of a hop the hub rule judges; 'entered' only where every end a path may reach is named (tests compare the two). */
export type HubRuleOn = 'entered' | 'left';

/**
 * Conditions on a hop `(x)-[r]-(y)` of a traversal, over the variables `x`, `r` and `y`. `endParam`
 * names the parameter holding the id of the entity a path must reach (always allowed through the
 * node filters, never through the role's visibility), or null. Values are put in `params` with the
 * given prefix. With the start checked by the caller, every entity a traversal reaches is visible:
 * no path runs through an entity hidden from the role.
 *
 * The hub rule is a condition on `x`, the entity a hop leaves: a hub may end a path (it may be the
 * answer: the compound three victims share) but no path passes through one — except the entities
 * the question names (`namedParam`, a list of ids), which are always left from. `hubRuleOn:
 * 'entered'` writes it on `y` instead, for a search whose every end is named (paths): the same walks for less work;
 * there `namedNodes` may name the variables the named entities are bound to, compared by identity.
 */
export function hopConditions(
  filter: TraversalFilter | null | undefined, params: Record<string, unknown>, prefix: string, endParam: string | null, visibility: Visibility, namedParam: string,
  hubRuleOn: HubRuleOn = 'left',
  namedNodes: readonly string[] = [],
): string[] {
  const f = filter ?? {};
  // Under a time lens, a hop crosses only relationships of that date and knowledge, to entities of it.
  const conditions: string[] = [visibleNodeCondition(visibility, 'y')];
  const lens = visibleRelationshipCondition(visibility, 'r', f.relationshipTypes);
  if (lens !== 'true') conditions.push(lens);
  Object.assign(params, visibilityParameters(visibility));
  if (f.since) {
    params[`${prefix}Since`] = f.since;
    conditions.push(`${RELATIONSHIP_DATE} IS NULL OR (CASE WHEN size(${RELATIONSHIP_DATE}) = 10 THEN ${RELATIONSHIP_DATE} >= left($${prefix}Since, 10) ELSE ${RELATIONSHIP_DATE} >= $${prefix}Since END)`);
  }
  if (f.until) {
    params[`${prefix}Until`] = f.until;
    conditions.push(`${RELATIONSHIP_DATE} IS NULL OR (CASE WHEN size(${RELATIONSHIP_DATE}) = 10 THEN ${RELATIONSHIP_DATE} < left($${prefix}Until, 10) ELSE ${RELATIONSHIP_DATE} < $${prefix}Until END)`);
  }
  const provenance = provenanceCondition('r', f.provenance, params, `${prefix}P`);
  if (provenance) conditions.push(provenance);

  const nodeConditions: string[] = [];
  if (f.includeLabels && f.includeLabels.length > 0) {
    params[`${prefix}Include`] = checkedLabels(f.includeLabels);
    nodeConditions.push(`any(label IN labels(y) WHERE label IN $${prefix}Include)`);
  }
  if (f.excludeLabels && f.excludeLabels.length > 0) {
    params[`${prefix}Exclude`] = checkedLabels(f.excludeLabels);
    nodeConditions.push(`none(label IN labels(y) WHERE label IN $${prefix}Exclude)`);
  }
  if (nodeConditions.length > 0) {
    const joined = nodeConditions.map((c) => `(${c})`).join(' AND ');
    conditions.push(endParam ? `y.id = $${endParam} OR (${joined})` : joined);
  }
  if (!f.includeHubs) {
    params[`${prefix}MaxDegree`] = int(f.maxDegree ?? DEFAULT_HUB_DEGREE);
    // Where every end is named (a path between two entities), the same rule on the entity a hop enters:
    // a hub that is not named is never entered (the floor's form), where on `x` the search entered
    // every hub it met and judged it again on each of its relationships (paths at 100k: 2.3× the
    // floor's db hits, as a viewer 3× its p50). The two allow the same walks: a hub not named can
    // neither be left (x) nor, then, be anything but the end, which is named; named ones pass both.
    // Neo4j evaluates an OR here in the written order. Named ends given as node variables are
    // compared by identity first (no property read, and a named hub is never judged: as a viewer the
    // judgement reads up to maxDegree neighbours); ids read per hop cost a db hit on every entity
    // (paths at 100k: 884 → 502 db hits, the floor's 537).
    const named = hubRuleOn === 'entered' && namedNodes.length > 0 ? namedNodes.map((node) => `y = ${cypherVariable(node)}`).join(' OR ') : null;
    conditions.push(hubRuleOn === 'entered'
      ? `${named ?? `y.id IN $${namedParam}`} OR NOT ${isHub(visibility, 'y', `$${prefix}MaxDegree`)}`
      : `x.id IN $${namedParam} OR NOT ${isHub(visibility, 'x', `$${prefix}MaxDegree`)}`);
  }
  return conditions;
}

/** Whether `variable` is a hub for this role: a country, or over `max` (a parameter) relationships to entities it may see. */
export function isHub(visibility: Visibility, variable: string, max: string): string {
  return `((${variable}:Location AND ${variable}.locationType = 'COUNTRY') OR ${isOverDegree(visibility, variable, max)})`;
}

/**
 * Whether `variable` has more than `max` relationships to entities the role may see: the hub rule.
 * `max` names an integer parameter. Counting hidden neighbours too would let a role measure what it
 * may not see (a compound's victims, by moving maxDegree until the compound stops being a hub), so
 * for a role that hides anything the visible ones are counted — only where the store's degree (a
 * constant-time read) is over `max`, and only until the (max + 1)-th visible one is found: a hub's
 * whole neighbourhood is never read.
 */
export function isOverDegree(lensed: Visibility, variable: string, max: string): string {
  // A hub is judged on the graph as it is, whatever the time lens: the rule is about the store's shape.
  const visibility = withoutLens(lensed);
  const total = `COUNT { (${variable})--() } > ${max}`;
  if (!hidesAnything(visibility)) return `(${total})`;
  return `(${total} AND EXISTS { MATCH (${variable})--(hubNeighbour) WHERE ${visibleNodeCondition(visibility, 'hubNeighbour')} WITH hubNeighbour SKIP ${max} RETURN 1 })`;
}

/** A variable name written by our code, checked anyway: it is interpolated into Cypher. */
function cypherVariable(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`${name} is not a Cypher variable name`);
  return name;
}

function checkedLabels(labels: readonly EntityLabel[]): EntityLabel[] {
  for (const label of labels) if (!ENTITY_LABELS.includes(label)) throw new Error(`Unknown entity label ${label}`);
  return [...labels];
}
