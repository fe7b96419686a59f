import { visit, type FieldNode, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { parseResolveInfo, type FieldsByTypeName, type ResolveTree } from 'graphql-parse-resolve-info';
import { MAX_PREFETCH_DEPTH, PLANS_PER_FIELD_MAX } from '../../config/index.js';
import {
  isEntityProperty, isRelationshipProperty, relationshipPageKey, type PrefetchPlan, type Properties,
  type MoneyTrailReads, type PathReads, type RelationshipPageArgs, type RelationshipPrefetch,
} from '../../graph/index.js';
import { PROTECTED_PROPERTIES, type TimeLens } from '../../model/index.js';
import { lensKey } from '../../policy/index.js';
import { namesLens, timeLensOf } from '../timeLens.js';
import { INLINE_RELATIONSHIP_FIELDS, inlinePageArgs, relationshipPageArgs, type RelationshipsFieldArgs } from './pageRequest.js';

/**
 * Look-ahead planning: what relationship pages will this query's selection ask for, level by
 * level? The answer is a plan the graph layer fetches in the root field's own statement
 * (src/graph/prefetch.ts); run time is fetchedPages.ts. A page the plan misses — deeper than
 * MAX_PREFETCH_DEPTH, a field we do not look into, arguments that do not validate — is fetched by
 * the loaders as before, so a plan can only save round trips. Requests on the reference path
 * (`lookAhead` off) get no plan and read whole entities.
 */

/** The connection type of every entity's `relationships(...)`: a field returning it is a page to plan. */
const RELATIONSHIP_CONNECTION = 'RelationshipConnection';
const RELATIONSHIP_EDGE = 'RelationshipEdge';

/** Whether `typeName.fieldName` returns an entity's relationships as a connection, as the schema says. */
function isRelationshipConnectionField(schema: GraphQLSchema, typeName: string, fieldName: string): boolean {
  // Duck-typed, not graphql's isObjectType/getNamedType: those check instanceof, which fails when
  // the schema was built by the other of graphql's two module builds (ESM and CommonJS).
  const type = schema.getType(typeName) as { getFields?: () => Record<string, { type: unknown }> } | undefined;
  let named = type?.getFields?.()[fieldName]?.type as { ofType?: unknown; name?: string } | undefined;
  while (named?.ofType) named = named.ofType as typeof named;
  return named?.name === RELATIONSHIP_CONNECTION;
}

/** Whether the request may read ahead; on the reference path every plan is empty and every read whole. */
interface PlanOptions {
  lookAhead: boolean;
}

/** Fields selected under `name` (under any alias) in one type's bucket. */
function selected(fields: Record<string, ResolveTree> | undefined, name: string): ResolveTree[] {
  return fields ? Object.values(fields).filter((field) => field.name === name) : [];
}

function selectedIn(trees: ResolveTree[], typeName: string, name: string): ResolveTree[] {
  return trees.flatMap((tree) => selected(tree.fieldsByTypeName[typeName], name));
}

/** Fields resolved from something other than a stored property of the same name, and the stored properties they read. */
const PROVENANCE = ['sourceIds', 'grades'];
const COMPUTED_ENTITY_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['kind', []], ['sources', PROVENANCE], ['grades', PROVENANCE], ['protected', [...new Set(Object.values(PROTECTED_PROPERTIES).flat())]],
  ['relationships', []], ['nationalities', []], ['journey', []], ['locations', []], ['partOf', []], ['recordedAt', ['createdAt']],
]);
const COMPUTED_RELATIONSHIP_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['type', []], ['from', []], ['to', []], ['location', []], ['sources', PROVENANCE], ['grades', PROVENANCE], ['recordedAt', ['createdAt']],
]);

/**
 * The stored properties a selection reads: its fields minus the computed ones (`protected` reads the
 * protected properties). A field that is neither asks for everything.
 */
function propertiesRead(buckets: FieldsByTypeName[], computed: ReadonlyMap<string, readonly string[]>, isProperty: (name: string) => boolean): Properties {
  const names = new Set<string>();
  for (const bucket of buckets) {
    for (const fields of Object.values(bucket)) {
      for (const field of Object.values(fields)) {
        const reads = computed.get(field.name);
        if (reads) {
          for (const name of reads) names.add(name);
          continue;
        }
        if (!isProperty(field.name)) return 'all';
        names.add(field.name);
      }
    }
  }
  return names;
}

function unionOf(a: Properties, b: Properties): Properties {
  return a === 'all' || b === 'all' ? 'all' : new Set([...a, ...b]);
}

/** Adds one page request to a plan, merging with a request for the same page made elsewhere in the selection. */
function addPrefetch(plan: Map<string, RelationshipPrefetch>, prefetch: RelationshipPrefetch): void {
  const key = relationshipPageKey(prefetch.args);
  const existing = plan.get(key);
  if (!existing) {
    plan.set(key, prefetch);
    return;
  }
  const nested = new Map(existing.nested);
  for (const inner of prefetch.nested.values()) addPrefetch(nested, inner);
  plan.set(key, {
    args: existing.args,
    countTotal: existing.countTotal || prefetch.countTotal,
    readsNextPage: existing.readsNextPage || prefetch.readsNextPage,
    relationshipRead: existing.relationshipRead || prefetch.relationshipRead,
    relationshipProperties: unionOf(existing.relationshipProperties, prefetch.relationshipProperties),
    otherProperties: unionOf(existing.otherProperties, prefetch.otherProperties),
    nested,
  });
}

/** The selections of a relationship's ends (`from`, `to`, a stop's `location`), per relationship type condition. */
function endSelections(relationships: ResolveTree[]): FieldsByTypeName[] {
  return relationships.flatMap((tree) => Object.values(tree.fieldsByTypeName).flatMap((fields) =>
    Object.values(fields).filter((field) => field.name === 'from' || field.name === 'to' || field.name === 'location').map((end) => end.fieldsByTypeName)));
}

/**
 * The plan for entities selected with `buckets` (the selection, per type condition), `levels` deep
 * at most, read through the root field's time lens (`lens`). A `relationships` field with another
 * lens of its own is left to its resolver: one statement reads through one lens.
 */
function entityPlan(schema: GraphQLSchema, buckets: FieldsByTypeName, levels: number, lens: TimeLens | undefined): PrefetchPlan {
  const plan = new Map<string, RelationshipPrefetch>();
  if (levels <= 0) return plan;
  /** `relationships`: the edges' `node` selections; `others`: selections of the entities at the other end (or at either end). */
  const consider = (args: RelationshipPageArgs, countTotal: boolean, readsNextPage: boolean, relationshipRead: boolean, relationships: FieldsByTypeName[], others: FieldsByTypeName[]) => {
    const nested = new Map<string, RelationshipPrefetch>();
    for (const other of others) for (const prefetch of entityPlan(schema, other, levels - 1, lens).values()) addPrefetch(nested, prefetch);
    addPrefetch(plan, {
      args,
      countTotal,
      readsNextPage,
      relationshipRead,
      relationshipProperties: propertiesRead(relationships, COMPUTED_RELATIONSHIP_FIELDS, isRelationshipProperty),
      otherProperties: propertiesRead(others, COMPUTED_ENTITY_FIELDS, isEntityProperty),
      nested,
    });
  };

  for (const [typeName, fields] of Object.entries(buckets)) {
    for (const field of Object.values(fields)) {
      if (isRelationshipConnectionField(schema, typeName, field.name)) {
        // A lens of its own is another statement's; one that comes to the root's is this one (planned,
        // so that its reads join any page of the same arguments).
        if (namesLens(field.args) && lensKey(timeLensOf(field.args, lens)) !== lensKey(lens)) continue;
        let args: RelationshipPageArgs;
        try {
          args = relationshipPageArgs(field.args as RelationshipsFieldArgs, lens);
        } catch {
          continue; // the resolver reports it
        }
        const connection = [field];
        const countTotal = selectedIn(connection, RELATIONSHIP_CONNECTION, 'totalCount').length > 0;
        const edges = selectedIn(connection, RELATIONSHIP_CONNECTION, 'edges');
        const nodes = selectedIn(edges, RELATIONSHIP_EDGE, 'node');
        const others = selectedIn(edges, RELATIONSHIP_EDGE, 'other').map((other) => other.fieldsByTypeName);
        const readsNextPage = selectedIn(connection, RELATIONSHIP_CONNECTION, 'pageInfo').length > 0;
        const relationshipRead = nodes.length > 0 || readsNextPage
          || selectedIn(edges, RELATIONSHIP_EDGE, 'cursor').length > 0 || selectedIn(edges, RELATIONSHIP_EDGE, 'direction').length > 0;
        consider(args, countTotal, readsNextPage, relationshipRead, nodes.map((node) => node.fieldsByTypeName), [...others, ...endSelections(nodes)]);
        continue;
      }
      const inline = INLINE_RELATIONSHIP_FIELDS[typeName]?.[field.name];
      if (!inline) continue;
      // Inline lists have no pageInfo.
      if (inline.shows === 'other') consider(inlinePageArgs(inline.type, lens), false, false, false, [], [field.fieldsByTypeName]);
      else consider(inlinePageArgs(inline.type, lens), false, false, true, [field.fieldsByTypeName], endSelections([field]));
    }
  }
  return plan;
}

/** The tree of the field being resolved (fragments, aliases, variables and @skip/@include applied). */
function rootTree(info: GraphQLResolveInfo): ResolveTree | undefined {
  const parsed = parseResolveInfo(info);
  return parsed && typeof parsed.name === 'string' ? (parsed as ResolveTree) : undefined;
}

/**
 * Plans (and what a selection reads: moneyTrailReads, pathReads, transferListReads) by the root
 * field's nodes (one list per field of a parsed document: both executors reuse it
 * while the document is cached), then by the values of the variables its selection reads and the
 * time lens. A plan is a function of those alone (its selection, with fragments, arguments and
 * directives below the root field; not the root field's own arguments, which reach it only as the
 * lens), so a document sent again is not walked again: planning was a twentieth of a light
 * request's server CPU. Plans are shared, never changed after they are made.
 */
const plansByField = new WeakMap<readonly FieldNode[], { variables: readonly string[]; plans: Map<string, unknown> }>();

function memoisedPlan<T>(info: GraphQLResolveInfo, lens: TimeLens | undefined, kind: string, plan: () => T): T {
  let known = plansByField.get(info.fieldNodes);
  if (!known) plansByField.set(info.fieldNodes, (known = { variables: variablesBelow(info), plans: new Map() }));
  const key = `${kind}\u0000${lensKey(lens)}\u0000${JSON.stringify(known.variables.map((name) => (name in info.variableValues ? [info.variableValues[name]] : [])))}`;
  const found = known.plans.get(key);
  if (found !== undefined) return found as T;
  const made = plan();
  if (known.plans.size >= PLANS_PER_FIELD_MAX) known.plans.clear();
  known.plans.set(key, made);
  return made;
}

/** The variables read in the selection below the root field (fragments followed), in a fixed order; an absent one keys apart from null. */
function variablesBelow(info: GraphQLResolveInfo): string[] {
  const names = new Set<string>();
  const seen = new Set<string>();
  const collect = (node: Parameters<typeof visit>[0]): void => {
    visit(node, {
      Variable: (variable) => {
        names.add(variable.name.value);
      },
      FragmentSpread: (spread) => {
        const fragment = info.fragments[spread.name.value];
        if (fragment && !seen.has(spread.name.value)) {
          seen.add(spread.name.value);
          collect(fragment.selectionSet);
        }
      },
    });
  };
  for (const node of info.fieldNodes) if (node.selectionSet) collect(node.selectionSet);
  return [...names].sort();
}

/**
 * The plan for a root field that returns entities (`node`, `nodes`), read through its time lens, and
 * the stored properties its selection reads of them (whole nodes when 'all').
 */
export function planForEntities(info: GraphQLResolveInfo, { lookAhead }: PlanOptions, lens?: TimeLens): EntitiesPlan {
  if (!lookAhead) return { plan: new Map(), properties: 'all' };
  return memoisedPlan(info, lens, 'entities', () => {
    const tree = rootTree(info);
    if (!tree) return { plan: new Map(), properties: 'all' };
    return {
      plan: entityPlan(info.schema, tree.fieldsByTypeName, MAX_PREFETCH_DEPTH, lens),
      properties: propertiesRead([tree.fieldsByTypeName], COMPUTED_ENTITY_FIELDS, isEntityProperty),
    };
  });
}

interface EntitiesPlan {
  plan: PrefetchPlan;
  properties: Properties;
}

/**
 * The plan for a root list field (`people`, `scamCentres`, ...) — the entities under `edges { node }`
 * — and whether it asks for `totalCount` (then counted in the page's statement).
 */
export function planForEntityList(info: GraphQLResolveInfo, connectionType: string, edgeType: string, options: PlanOptions, lens?: TimeLens): EntityListPlan {
  if (!options.lookAhead) return { plan: new Map(), countTotal: false, properties: 'all' };
  return memoisedPlan(info, lens, connectionType, () => entityListPlan(info, connectionType, edgeType, lens));
}

interface EntityListPlan {
  plan: PrefetchPlan;
  countTotal: boolean;
  properties: Properties;
}

function entityListPlan(info: GraphQLResolveInfo, connectionType: string, edgeType: string, lens: TimeLens | undefined): EntityListPlan {
  const plan = new Map<string, RelationshipPrefetch>();
  const tree = rootTree(info);
  if (!tree) return { plan, countTotal: false, properties: 'all' };
  const nodes = selectedIn(selectedIn([tree], connectionType, 'edges'), edgeType, 'node');
  for (const node of nodes) for (const prefetch of entityPlan(info.schema, node.fieldsByTypeName, MAX_PREFETCH_DEPTH, lens).values()) addPrefetch(plan, prefetch);
  return {
    plan,
    countTotal: selectedIn([tree], connectionType, 'totalCount').length > 0,
    // What the listed entities are read for: only these properties come back (whole nodes when 'all').
    properties: propertiesRead(nodes.map((node) => node.fieldsByTypeName), COMPUTED_ENTITY_FIELDS, isEntityProperty),
  };
}

/**
 * What a `moneyTrail` selection reads of the trail's accounts (`accounts { account { … } }`) and of
 * its transfers (`transfers`, `cycles`), so that the statement returns only those properties.
 */
export function moneyTrailReads(info: GraphQLResolveInfo, { lookAhead }: PlanOptions): MoneyTrailReads {
  // Without the look-ahead, everything (the reads of no selection).
  return lookAhead ? memoisedPlan(info, undefined, 'moneyTrailReads', () => moneyTrailReadsOf(rootTree(info))) : moneyTrailReadsOf(undefined);
}

function moneyTrailReadsOf(tree: ResolveTree | undefined): MoneyTrailReads {
  if (!tree) return { accounts: 'all', transfers: 'all', traced: true };
  const trailAccounts = selectedIn([tree], 'MoneyTrail', 'accounts');
  const accounts = selectedIn(trailAccounts, 'TrailAccount', 'account');
  const transfers = [...selectedIn([tree], 'MoneyTrail', 'transfers'), ...selectedIn([tree], 'MoneyTrail', 'cycles')];
  return {
    accounts: propertiesRead(accounts.map((account) => account.fieldsByTypeName), COMPUTED_ENTITY_FIELDS, isEntityProperty),
    transfers: propertiesRead(transfers.map((transfer) => transfer.fieldsByTypeName), COMPUTED_RELATIONSHIP_FIELDS, isRelationshipProperty),
    traced: selectedIn(trailAccounts, 'TrailAccount', 'tracedAmountUsd').length > 0,
  };
}

/**
 * What a `paths` selection reads of the entities along each path (`nodes`, and each step's `from`
 * and `to`) and of the relationships crossed (`relationships`, each step's `relationship`), so the
 * path statement returns only those properties. A relationship's own `from`/`to` are loaded by id.
 */
export function pathReads(info: GraphQLResolveInfo, { lookAhead }: PlanOptions): PathReads {
  // Without the look-ahead, everything (the reads of no selection).
  return lookAhead ? memoisedPlan(info, undefined, 'pathReads', () => pathReadsOf(rootTree(info))) : pathReadsOf(undefined);
}

function pathReadsOf(tree: ResolveTree | undefined): PathReads {
  if (!tree) return { entities: 'all', relationships: 'all' };
  const steps = selectedIn([tree], 'Path', 'steps');
  const entities = [...selectedIn([tree], 'Path', 'nodes'), ...selectedIn(steps, 'PathStep', 'from'), ...selectedIn(steps, 'PathStep', 'to')];
  const relationships = [...selectedIn([tree], 'Path', 'relationships'), ...selectedIn(steps, 'PathStep', 'relationship')];
  return {
    entities: propertiesRead(entities.map((entity) => entity.fieldsByTypeName), COMPUTED_ENTITY_FIELDS, isEntityProperty),
    relationships: propertiesRead(relationships.map((relationship) => relationship.fieldsByTypeName), COMPUTED_RELATIONSHIP_FIELDS, isRelationshipProperty),
  };
}

/**
 * What a `transfers` list selection reads of its transfers (`edges { node { … } }`) and of the
 * accounts at their ends (`from`, `to`), so that the page's statement returns only those properties;
 * and whether it reads `totalCount` (then the page and the count are one statement).
 */
export function transferListReads(info: GraphQLResolveInfo, { lookAhead }: PlanOptions): TransferListReads {
  // Without the look-ahead, everything (the reads of no selection).
  return lookAhead ? memoisedPlan(info, undefined, 'transferListReads', () => transferListReadsOf(rootTree(info))) : transferListReadsOf(undefined);
}

export interface TransferListReads {
  transfers: Properties;
  accounts: Properties;
  countTotal: boolean;
}

function transferListReadsOf(tree: ResolveTree | undefined): TransferListReads {
  if (!tree) return { transfers: 'all', accounts: 'all', countTotal: false };
  const nodes = selectedIn(selectedIn([tree], 'TransferConnection', 'edges'), 'TransferEdge', 'node');
  return {
    transfers: propertiesRead(nodes.map((node) => node.fieldsByTypeName), COMPUTED_RELATIONSHIP_FIELDS, isRelationshipProperty),
    accounts: propertiesRead(endSelections(nodes), COMPUTED_ENTITY_FIELDS, isEntityProperty),
    countTotal: selectedIn([tree], 'TransferConnection', 'totalCount').length > 0,
  };
}
