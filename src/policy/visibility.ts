import type { RelationshipType, Role, TimeLens } from '../model/index.js';
import { DERIVED_LABELS, PROTECTED_PROPERTIES, RELATIONSHIPS, type EntityLabel } from '../model/index.js';
import { roleAtLeast } from './roles.js';
import { isPresent, lensNodeCondition, lensParameters, lensRelationshipCondition } from './timeLens.js';

/**
 * What each role may see, decided here and nowhere else; the graph layer turns it into Cypher.
 *
 * Victims (persons whose roles include TRAFFICKING_VICTIM or FRAUD_VICTIM) carry derived labels
 * (DERIVED_LABELS in the domain model, kept in step on every write). For a viewer those labels mark
 * nodes that do not exist: every read adds a label test on every node it returns or passes through.
 * A label test reads the node's label set, which Neo4j has at hand once the node is matched (no
 * property read, no list built per row as `none(l IN labels(n) WHERE l IN $hidden)` would), and the
 * statement text differs only per role, so each role gets one cached plan.
 */

/** Derived labels that mark a victim; both follow a Person's `roles` (DERIVED_LABELS). */
export const VICTIM_LABELS = ['TraffickingVictim', 'FraudVictim'] as const satisfies ReadonlyArray<keyof typeof DERIVED_LABELS>;
export type VictimLabel = (typeof VICTIM_LABELS)[number];

/** The least role that sees victims (under their pseudonymous names). */
const SEES_VICTIMS: Role = 'analyst';
/** The least role that reads `protected` fields (legal names, birth dates, phones, documents). */
const READS_PROTECTED: Role = 'investigator';
/** The least role that sees exact dashboard numbers; below it, small buckets are suppressed. */
const SEES_EXACT_AGGREGATES: Role = 'investigator';

/**
 * The smallest bucket an aggregate publishes to roles below investigator: the Counter-Trafficking
 * Data Collaborative's k-anonymity threshold (counts under 11 are not released).
 */
export const K_ANONYMITY_THRESHOLD = 11;

/** One request's view of the graph: passed down to the loaders and graph queries, never re-derived there. */
export interface Visibility {
  role: Role;
  /** Labels of nodes that do not exist for this role (fixed constants, never request input). */
  hiddenLabels: readonly VictimLabel[];
  /** Whether `Person.protected` is shown. */
  readsProtected: boolean;
  /** Whether dashboard aggregates are exact; otherwise buckets under K_ANONYMITY_THRESHOLD are suppressed. */
  exactAggregates: boolean;
  /**
   * The graph as of a date / as known at an instant (src/policy/timeLens.ts), for the reads of one
   * field and what lies below it; absent for the present graph. Set by withLens, never by a role.
   */
  lens?: TimeLens;
}

/** The same view through a time lens (the present graph when the lens limits nothing). */
export function withLens(visibility: Visibility, lens: TimeLens | null | undefined): Visibility {
  if (isPresent(lens)) return visibility.lens ? withoutLens(visibility) : visibility;
  return { ...visibility, lens: lens! };
}

/** The role's view of the present graph: for rules judged on the graph as it is (the hub rule). */
export function withoutLens(visibility: Visibility): Visibility {
  if (!visibility.lens) return visibility;
  const { lens: _lens, ...present } = visibility;
  return present;
}

/**
 * Parameters the view's conditions use: a statement built with visibleNodeCondition or
 * visibleRelationshipCondition under a lens must pass these (none for the present graph).
 */
export function visibilityParameters(visibility: Visibility): Record<string, unknown> {
  return lensParameters(visibility.lens);
}

export function visibilityFor(role: Role): Visibility {
  return {
    role,
    hiddenLabels: roleAtLeast(role, SEES_VICTIMS) ? [] : VICTIM_LABELS,
    readsProtected: roleAtLeast(role, READS_PROTECTED),
    exactAggregates: roleAtLeast(role, SEES_EXACT_AGGREGATES),
  };
}

/** Sees everything: for internal reads (exports, imports, tests) that are not a request's. */
export const SEES_EVERYTHING: Visibility = visibilityFor('admin');

/** The kind a derived label belongs to (Person for both victim labels), from the domain model. */
function kindOfHiddenLabel(label: VictimLabel): EntityLabel {
  return DERIVED_LABELS[label].kind;
}

/** Kinds whose nodes may themselves carry a hidden label. */
function kindsWithHiddenLabels(visibility: Visibility): Set<EntityLabel> {
  return new Set(visibility.hiddenLabels.map(kindOfHiddenLabel));
}

/**
 * Kinds hidden through their holders: an Account held only by hidden persons is theirs (a victim's
 * bank account names and identifies them), so it is hidden too; an account with no holder, or any
 * visible holder, stays visible. Read from the domain model: the kinds HOLDS goes to.
 */
const HELD_KINDS: readonly EntityLabel[] = RELATIONSHIPS.HOLDS.to;

const USER_VARIABLE = /^[a-z][A-Za-z0-9_]*$/;

/** `NOT v:A AND NOT v:B`: the label tests for a node variable (one of our own, never request text). */
function hiddenLabelTests(visibility: Visibility, variable: string): string {
  return visibility.hiddenLabels.map((label) => `NOT ${variable}:${label}`).join(' AND ');
}

/**
 * Whether a node variable is not a held kind whose every holder is hidden: it has no holder, or a
 * visible one. `NOT EXISTS { (v)<-[:HOLDS]-() }` is planned as a degree lookup (one db hit, no
 * expansion), so the common account without holders never expands its relationships; only an account
 * with holders has them expanded, and the expansion stops at the first visible one. (A fold over all
 * its holders, the form before, expanded every account's relationships: on a viewer's transfer
 * window 2.5× the floor's db hits.)
 */
function notHeldOnlyByHidden(visibility: Visibility, variable: string, kindKnown: boolean): string {
  const holder = `${variable}_holder`;
  const kindTest = kindKnown ? '' : `NOT (${HELD_KINDS.map((kind) => `${variable}:${kind}`).join(' OR ')}) OR `;
  return `(${kindTest}NOT EXISTS { (${variable})<-[:HOLDS]-() } OR EXISTS { (${variable})<-[:HOLDS]-(${holder}) WHERE ${hiddenLabelTests(visibility, holder)} })`;
}

/**
 * A Cypher condition that holds when the node in `variable` exists for this role: 'true' for roles
 * that see everything. `kinds`, when the query fixes the node's kind (a list of people, a transfer's
 * accounts), leaves out the tests that kind cannot need — a list of locations pays nothing.
 */
export function visibleNodeCondition(visibility: Visibility, variable: string, kinds?: readonly EntityLabel[]): string {
  if (!USER_VARIABLE.test(variable)) throw new Error(`Not a Cypher variable of ours: ${variable}`);
  const lens = lensNodeCondition(visibility.lens, variable, kinds);
  if (visibility.hiddenLabels.length === 0) return lens;
  const labelled = kindsWithHiddenLabels(visibility);
  const conditions: string[] = lens === 'true' ? [] : [lens];
  if (!kinds || kinds.some((kind) => labelled.has(kind))) conditions.push(hiddenLabelTests(visibility, variable));
  const held = kinds ? kinds.filter((kind) => HELD_KINDS.includes(kind)) : HELD_KINDS;
  if (held.length > 0) conditions.push(notHeldOnlyByHidden(visibility, variable, kinds !== undefined && kinds.every((kind) => HELD_KINDS.includes(kind))));
  return conditions.length === 0 ? 'true' : conditions.join(' AND ');
}

/**
 * A Cypher condition that holds when the relationship in `variable` exists in this view: 'true' for
 * the present graph (the role hides relationships through their ends, visibleNodeCondition). `types`
 * when the query fixes them.
 */
export function visibleRelationshipCondition(visibility: Visibility, variable: string, types?: readonly RelationshipType[] | null): string {
  return lensRelationshipCondition(visibility.lens, variable, types);
}

/**
 * Whether an entity that must carry one of `labels` is hidden from this role whatever else it is: a
 * viewer's list of trafficking victims is empty before any node is read. (Neo4j's planner does not
 * see that `n:TraffickingVictim AND NOT n:TraffickingVictim` is false; it read a nationality's 26,000
 * victims at 1M to drop every one.)
 */
export function hidesEveryLabel(visibility: Visibility, labels: readonly string[]): boolean {
  return labels.length > 0 && labels.every((label) => (visibility.hiddenLabels as readonly string[]).includes(label));
}

/** Whether the role hides anything at all (then every read needs its conditions). */
export function hidesAnything(visibility: Visibility): boolean {
  return visibility.hiddenLabels.length > 0;
}

/** The protected properties of a kind the role may read: all of them, or none. */
export function protectedPropertiesFor(visibility: Visibility, kind: EntityLabel): readonly string[] {
  return visibility.readsProtected ? PROTECTED_PROPERTIES[kind] : [];
}
