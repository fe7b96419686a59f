import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type FieldsByTypeName, type ResolveTree } from 'graphql-parse-resolve-info';
import { MAX_INLINE_LIST, MAX_PREFETCH_DEPTH } from '../config/index.js';
import {
  checkProvenanceFilter, isEntityProperty, isRelationshipProperty, relationshipPageKey, type PrefetchPlan, type Properties,
  type MoneyTrailReads, type RelationshipPageArgs, type RelationshipPrefetch,
} from '../graph/index.js';
import type { EntityModel, PrefetchedPage, RelationshipType } from '../model/index.js';
import type { RequestContext } from '../server/context.js';
import type { RelationshipPage } from '../loaders/index.js';
import { afterCursor, pageSize } from './pagination.js';

/**
 * Look-ahead: what relationship pages will this query's selection ask for, level by level? The
 * answer is a plan the graph layer fetches in the root field's own statement (src/graph/prefetch.ts).
 * A page the plan misses — deeper than MAX_PREFETCH_DEPTH, a field we do not look into, arguments
 * that do not validate — is fetched by the loaders as before, so a plan can only save round trips.
 */

/** GraphQL arguments of `relationships(...)`. */
export interface RelationshipsFieldArgs {
  direction?: 'OUTGOING' | 'INCOMING' | 'BOTH' | null;
  types?: readonly RelationshipType[] | null;
  provenance?: RelationshipPageArgs['provenance'];
  first?: number | null;
  after?: string | null;
}

/** `relationships(...)` arguments as a page request (throws BAD_USER_INPUT for a bad page size, cursor or grade). */
export function relationshipPageArgs(args: RelationshipsFieldArgs): RelationshipPageArgs {
  const provenance = args.provenance ?? null;
  checkProvenanceFilter(provenance);
  const cursor = afterCursor(args.after);
  return {
    direction: args.direction ?? 'BOTH',
    types: args.types ?? [],
    provenance,
    first: pageSize(args.first),
    afterSortKey: cursor ? String(cursor.value) : null,
  };
}

/** Fields that show one kind of an entity's relationships as a plain list, and which end of the edge they show. */
export const INLINE_RELATIONSHIP_FIELDS: Record<string, Record<string, { type: RelationshipType; shows: 'other' | 'relationship' }>> = {
  Person: { nationalities: { type: 'NATIONAL_OF', shows: 'other' }, journey: { type: 'TRAVELLED_TO', shows: 'relationship' } },
  ScamCentre: { locations: { type: 'LOCATED_IN', shows: 'other' } },
  Location: { partOf: { type: 'LOCATED_IN', shows: 'other' } },
};

export function inlinePageArgs(type: RelationshipType): RelationshipPageArgs {
  return { direction: 'OUTGOING', types: [type], provenance: null, first: MAX_INLINE_LIST, afterSortKey: null };
}

/** A page request with its key in the look-ahead's pages (relationshipPageKey), computed once. */
export interface PageRequest {
  args: RelationshipPageArgs;
  key: string;
}

export function pageRequest(args: RelationshipPageArgs): PageRequest {
  return { args, key: relationshipPageKey(args) };
}

/**
 * Page requests by field node, then by the request's variables: graphql-js reads a field's
 * arguments from its first node and the variables, so every parent of one field in one request
 * asks for the same page, and the arguments are checked and keyed once, not once per parent.
 */
const pageRequestsByField = new WeakMap<object, WeakMap<object, PageRequest>>();

/** `relationships(...)` arguments as a page request, checked once per field and request (throws BAD_USER_INPUT as relationshipPageArgs). */
export function relationshipsFieldRequest(fieldArgs: RelationshipsFieldArgs, info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'variableValues'>): PageRequest {
  const node = info.fieldNodes[0]!;
  let byVariables = pageRequestsByField.get(node);
  const known = byVariables?.get(info.variableValues);
  if (known) return known;
  const request = pageRequest(relationshipPageArgs(fieldArgs));
  if (!byVariables) pageRequestsByField.set(node, (byVariables = new WeakMap()));
  byVariables.set(info.variableValues, request);
  return request;
}

/**
 * A page of an entity's relationships: fetched ahead with the entity when the plan had it (then
 * returned as is, not as a promise: graphql-js completes plain values without a microtask each),
 * else through the request's loader. Either way the entities at the other ends fill the entity cache.
 */
export function relationshipPageOf(entity: EntityModel, { args, key }: PageRequest, { loaders }: RequestContext): PrefetchedPage | Promise<PrefetchedPage> {
  const prefetched: PrefetchedPage | undefined = entity.prefetched?.get(key);
  if (prefetched) {
    for (const edge of prefetched.edges) if (!edge.other.projected) loaders.entityById.prime(edge.other.id, edge.other);
    return prefetched;
  }
  return loaders.relationshipPage.load({ entityId: entity.id, args }).then((page: RelationshipPage) => ({ ...page, totalCount: null }));
}

/** Applies `then` to a value or a promise of it, staying synchronous for a plain value. */
export function mapMaybe<T, U>(value: T | Promise<T>, then: (value: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(then) : then(value);
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
  ['kind', []], ['sources', PROVENANCE], ['grades', PROVENANCE],
  ['relationships', []], ['nationalities', []], ['journey', []], ['locations', []], ['partOf', []],
]);
const COMPUTED_RELATIONSHIP_FIELDS: ReadonlyMap<string, readonly string[]> = new Map([
  ['type', []], ['from', []], ['to', []], ['location', []], ['sources', PROVENANCE], ['grades', PROVENANCE],
]);

/**
 * The stored properties a selection reads: its fields minus the computed ones. A field that is
 * neither (`protected`, whose fields read the person's protected properties) asks for everything.
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

/** The plan for entities selected with `buckets` (the selection, per type condition), `levels` deep at most. */
function entityPlan(buckets: FieldsByTypeName, levels: number): PrefetchPlan {
  const plan = new Map<string, RelationshipPrefetch>();
  if (levels <= 0) return plan;
  /** `relationships`: the edges' `node` selections; `others`: selections of the entities at the other end (or at either end). */
  const consider = (args: RelationshipPageArgs, countTotal: boolean, relationshipRead: boolean, relationships: FieldsByTypeName[], others: FieldsByTypeName[]) => {
    const nested = new Map<string, RelationshipPrefetch>();
    for (const other of others) for (const prefetch of entityPlan(other, levels - 1).values()) addPrefetch(nested, prefetch);
    addPrefetch(plan, {
      args,
      countTotal,
      relationshipRead,
      relationshipProperties: propertiesRead(relationships, COMPUTED_RELATIONSHIP_FIELDS, isRelationshipProperty),
      otherProperties: propertiesRead(others, COMPUTED_ENTITY_FIELDS, isEntityProperty),
      nested,
    });
  };

  for (const [typeName, fields] of Object.entries(buckets)) {
    for (const field of Object.values(fields)) {
      if (field.name === 'relationships') {
        let args: RelationshipPageArgs;
        try {
          args = relationshipPageArgs(field.args as RelationshipsFieldArgs);
        } catch {
          continue; // the resolver reports it
        }
        const connection = [field];
        const countTotal = selectedIn(connection, 'RelationshipConnection', 'totalCount').length > 0;
        const edges = selectedIn(connection, 'RelationshipConnection', 'edges');
        const nodes = selectedIn(edges, 'RelationshipEdge', 'node');
        const others = selectedIn(edges, 'RelationshipEdge', 'other').map((other) => other.fieldsByTypeName);
        const relationshipRead = nodes.length > 0 || selectedIn(connection, 'RelationshipConnection', 'pageInfo').length > 0
          || selectedIn(edges, 'RelationshipEdge', 'cursor').length > 0 || selectedIn(edges, 'RelationshipEdge', 'direction').length > 0;
        consider(args, countTotal, relationshipRead, nodes.map((node) => node.fieldsByTypeName), [...others, ...endSelections(nodes)]);
        continue;
      }
      const inline = INLINE_RELATIONSHIP_FIELDS[typeName]?.[field.name];
      if (!inline) continue;
      if (inline.shows === 'other') consider(inlinePageArgs(inline.type), false, false, [], [field.fieldsByTypeName]);
      else consider(inlinePageArgs(inline.type), false, true, [field.fieldsByTypeName], endSelections([field]));
    }
  }
  return plan;
}

/** The tree of the field being resolved (fragments, aliases, variables and @skip/@include applied). */
function rootTree(info: GraphQLResolveInfo): ResolveTree | undefined {
  const parsed = parseResolveInfo(info);
  return parsed && typeof parsed.name === 'string' ? (parsed as ResolveTree) : undefined;
}

/** The plan for a root field that returns entities (`node`, `nodes`). */
export function planForEntities(info: GraphQLResolveInfo): PrefetchPlan {
  const tree = rootTree(info);
  return tree ? entityPlan(tree.fieldsByTypeName, MAX_PREFETCH_DEPTH) : new Map();
}

/**
 * The plan for a root list field (`people`, `scamCentres`, ...) — the entities under `edges { node }`
 * — and whether it asks for `totalCount` (then counted in the page's statement).
 */
export function planForEntityList(info: GraphQLResolveInfo, connectionType: string, edgeType: string): { plan: PrefetchPlan; countTotal: boolean } {
  const plan = new Map<string, RelationshipPrefetch>();
  const tree = rootTree(info);
  if (!tree) return { plan, countTotal: false };
  const nodes = selectedIn(selectedIn([tree], connectionType, 'edges'), edgeType, 'node');
  for (const node of nodes) for (const prefetch of entityPlan(node.fieldsByTypeName, MAX_PREFETCH_DEPTH).values()) addPrefetch(plan, prefetch);
  return { plan, countTotal: selectedIn([tree], connectionType, 'totalCount').length > 0 };
}

/**
 * What a `moneyTrail` selection reads of the trail's accounts (`accounts { account { … } }`) and of
 * its transfers (`transfers`, `cycles`), so that the statement returns only those properties.
 */
export function moneyTrailReads(info: GraphQLResolveInfo): MoneyTrailReads {
  const tree = rootTree(info);
  if (!tree) return { accounts: 'all', transfers: 'all' };
  const accounts = selectedIn(selectedIn([tree], 'MoneyTrail', 'accounts'), 'TrailAccount', 'account');
  const transfers = [...selectedIn([tree], 'MoneyTrail', 'transfers'), ...selectedIn([tree], 'MoneyTrail', 'cycles')];
  return {
    accounts: propertiesRead(accounts.map((account) => account.fieldsByTypeName), COMPUTED_ENTITY_FIELDS, isEntityProperty),
    transfers: propertiesRead(transfers.map((transfer) => transfer.fieldsByTypeName), COMPUTED_RELATIONSHIP_FIELDS, isRelationshipProperty),
  };
}

/**
 * What a `transfers` list selection reads of its transfers (`edges { node { … } }`) and of the
 * accounts at their ends (`from`, `to`), so that the page's statement returns only those properties.
 */
export function transferListReads(info: GraphQLResolveInfo): { transfers: Properties; accounts: Properties } {
  const tree = rootTree(info);
  if (!tree) return { transfers: 'all', accounts: 'all' };
  const nodes = selectedIn(selectedIn([tree], 'TransferConnection', 'edges'), 'TransferEdge', 'node');
  return {
    transfers: propertiesRead(nodes.map((node) => node.fieldsByTypeName), COMPUTED_RELATIONSHIP_FIELDS, isRelationshipProperty),
    accounts: propertiesRead(endSelections(nodes), COMPUTED_ENTITY_FIELDS, isEntityProperty),
  };
}
