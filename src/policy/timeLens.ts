import { ENTITY_LABELS, KINDS, RELATIONSHIPS, RELATIONSHIP_TYPES, type EntityLabel, type RelationshipType, type TimeLens } from '../model/index.js';

/**
 * The graph as of a date, and as known at an instant (issue 17): a view of the graph, like the
 * role's, turned into Cypher conditions here and nowhere else. A request's root field sets the lens
 * (`asOf`, `knownAsOf`); every entity and relationship read under it carries it on (EntityModel.lens),
 * so the whole answer below the field is the graph of that date.
 *
 * - `asOf` (a date): only what was true that day. An event (a recruitment, a stop, a transfer, an
 *   arrest) from its date on; a state that lasts (a confinement, an association) from its start to
 *   its end; a compound from when it was first seen, an operation from its start. Undated facts (a
 *   nationality, a placement) hold at every date: nothing says they did not.
 * - `knownAsOf` (an instant): only facts recorded by then — entities and relationships by the
 *   `createdAt` stamp every write path sets (mutations, imports, the initial load). Facts stored
 *   before stamps were kept have none and count as always known.
 *
 * Both limit which facts exist; an entity's properties are shown as they are now (no history of
 * property values is kept). Values are always parameters (`$lensAsOf`, `$lensAsOfEnd`,
 * `$lensKnownAsOf`: lensParameters); property and type names come from the domain model.
 */

/** A lens that limits nothing: the present graph. */
export const PRESENT: TimeLens = { asOf: null, knownAsOf: null };

export function isPresent(lens: TimeLens | null | undefined): boolean {
  return !lens || (lens.asOf === null && lens.knownAsOf === null);
}

/** A stable text of a lens, for cache keys; '' for the present graph. */
export function lensKey(lens: TimeLens | null | undefined): string {
  return isPresent(lens) ? '' : `${lens!.asOf ?? ''}|${lens!.knownAsOf ?? ''}`;
}

/** The day after a `YYYY-MM-DD` date: a date-time is on or before `asOf` when it is before this. */
function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

/** The parameters the lens's conditions use; none for the present graph (its conditions are 'true'). */
export function lensParameters(lens: TimeLens | null | undefined): Record<string, unknown> {
  if (isPresent(lens)) return {};
  return { lensAsOf: lens!.asOf, lensAsOfEnd: lens!.asOf === null ? null : dayAfter(lens!.asOf), lensKnownAsOf: lens!.knownAsOf };
}

const VARIABLE = /^[a-z][A-Za-z0-9_]*$/;
function checkVariable(variable: string): void {
  if (!VARIABLE.test(variable)) throw new Error(`Not a Cypher variable of ours: ${variable}`);
}

/** `v.p <= $lensAsOf` for a date property, `v.p < $lensAsOfEnd` for a date-time (a transfer's `at`). */
function onOrBefore(variable: string, property: string, type: string): string {
  return type === 'datetime' ? `${variable}.${property} < $lensAsOfEnd` : `${variable}.${property} <= $lensAsOf`;
}

const KINDS_EXISTING_FROM = ENTITY_LABELS.filter((label) => KINDS[label].existsFrom !== undefined);

/**
 * Whether the node in `variable` exists in the lens: 'true' for the present graph. `kinds`, when the
 * query fixes the node's kind, leaves out the tests that kind cannot need.
 */
export function lensNodeCondition(lens: TimeLens | null | undefined, variable: string, kinds?: readonly EntityLabel[]): string {
  checkVariable(variable);
  if (isPresent(lens)) return 'true';
  const conditions: string[] = [];
  if (lens!.asOf !== null) {
    for (const label of KINDS_EXISTING_FROM) {
      if (kinds && !kinds.includes(label)) continue;
      const property = KINDS[label].existsFrom!;
      const held = `${variable}.${property} IS NULL OR ${onOrBefore(variable, property, KINDS[label].properties[property]?.type ?? 'date')}`;
      conditions.push(kinds && kinds.length === 1 ? `(${held})` : `(NOT ${variable}:${label} OR ${held})`);
    }
  }
  if (lens!.knownAsOf !== null) conditions.push(`(${variable}.createdAt IS NULL OR ${variable}.createdAt <= $lensKnownAsOf)`);
  return conditions.length === 0 ? 'true' : conditions.join(' AND ');
}

/** A relationship type's `asOf` condition over `r`, or undefined when the type holds at every date. */
function typeCondition(type: RelationshipType, r: string): string | undefined {
  const spec = RELATIONSHIPS[type];
  const parts: string[] = [];
  if (spec.dateProperty) {
    const dateType = spec.properties[spec.dateProperty]?.type ?? 'date';
    parts.push(`(${r}.${spec.dateProperty} IS NULL OR ${onOrBefore(r, spec.dateProperty, dateType)})`);
  }
  if (spec.endProperty) parts.push(`(${r}.${spec.endProperty} IS NULL OR ${r}.${spec.endProperty} >= $lensAsOf)`);
  return parts.length > 0 ? parts.join(' AND ') : undefined;
}

/**
 * Whether the relationship in `r` exists in the lens: 'true' for the present graph. `types`, when
 * the query fixes them (empty or undefined: any type), leaves out the others' tests.
 */
export function lensRelationshipCondition(lens: TimeLens | null | undefined, r: string, types?: readonly RelationshipType[] | null): string {
  checkVariable(r);
  if (isPresent(lens)) return 'true';
  const conditions: string[] = [];
  if (lens!.asOf !== null) {
    const candidates = types && types.length > 0 ? types : RELATIONSHIP_TYPES;
    const dated = candidates.flatMap((type) => {
      const condition = typeCondition(type, r);
      return condition ? [[type, condition] as const] : [];
    });
    if (candidates.length === 1 && dated.length === 1) conditions.push(dated[0]![1]);
    else if (dated.length > 0) conditions.push(`CASE type(${r}) ${dated.map(([type, condition]) => `WHEN '${type}' THEN ${condition}`).join(' ')} ELSE true END`);
  }
  if (lens!.knownAsOf !== null) conditions.push(`(${r}.createdAt IS NULL OR ${r}.createdAt <= $lensKnownAsOf)`);
  return conditions.length === 0 ? 'true' : conditions.join(' AND ');
}

/** Marks models read through a lens, so that what they lead to is read through it too. */
export function markLens<T extends { lens?: TimeLens }>(model: T, lens: TimeLens | null | undefined): T {
  if (!isPresent(lens)) model.lens = lens!;
  return model;
}
