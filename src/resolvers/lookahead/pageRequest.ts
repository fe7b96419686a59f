import type { GraphQLResolveInfo } from 'graphql';
import { MAX_INLINE_LIST } from '../../config/index.js';
import { checkProvenanceFilter, relationshipPageKey, type RelationshipPageArgs } from '../../graph/index.js';
import type { RelationshipType, TimeLens } from '../../model/index.js';
import { lensKey } from '../../policy/index.js';
import { pageWindow } from '../pagination.js';
import { lensPageArgs, timeLensOf, type TimeLensArgs } from '../timeLens.js';

/**
 * A page of an entity's relationships as both halves of the look-ahead name it: the planner (what
 * the selection will ask for) and the resolvers (which page they need now) compute the same key.
 */

/**
 * The scope of `relationships` cursors (CursorScope): every entity's relationships are ordered by
 * the same sort key, so a cursor serves any entity's page — and the look-ahead applies one field's
 * `after` to every parent the field is under — but no other list.
 */
export const RELATIONSHIP_CURSOR_SCOPE = 'relationships';

/** GraphQL arguments of `relationships(...)`. */
export interface RelationshipsFieldArgs extends TimeLensArgs {
  direction?: 'OUTGOING' | 'INCOMING' | 'BOTH' | null;
  types?: readonly RelationshipType[] | null;
  provenance?: RelationshipPageArgs['provenance'];
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/**
 * `relationships(...)` arguments as a page request (throws BAD_USER_INPUT for a bad page size, cursor
 * or grade), read through the field's own time lens or else `inherited`, the lens of its entity.
 */
export function relationshipPageArgs(args: RelationshipsFieldArgs, inherited?: TimeLens): RelationshipPageArgs {
  const provenance = args.provenance ?? null;
  checkProvenanceFilter(provenance);
  const window = pageWindow(args, RELATIONSHIP_CURSOR_SCOPE);
  return {
    direction: args.direction ?? 'BOTH',
    types: args.types ?? [],
    provenance,
    first: window.size,
    afterSortKey: window.cursor ? String(window.cursor.value) : null,
    ...(window.backward ? { backward: true } : {}),
    ...lensPageArgs(timeLensOf(args, inherited)),
  };
}

/** Fields that show one kind of an entity's relationships as a plain list, and which end of the edge they show. */
export const INLINE_RELATIONSHIP_FIELDS: Record<string, Record<string, { type: RelationshipType; shows: 'other' | 'relationship' }>> = {
  Person: { nationalities: { type: 'NATIONAL_OF', shows: 'other' }, journey: { type: 'TRAVELLED_TO', shows: 'relationship' } },
  ScamCentre: { locations: { type: 'LOCATED_IN', shows: 'other' } },
  Account: { locations: { type: 'LOCATED_IN', shows: 'other' } },
  Location: { partOf: { type: 'LOCATED_IN', shows: 'other' } },
};

export function inlinePageArgs(type: RelationshipType, lens?: TimeLens): RelationshipPageArgs {
  return { direction: 'OUTGOING', types: [type], provenance: null, first: MAX_INLINE_LIST, afterSortKey: null, ...lensPageArgs(lens) };
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
 * (A pure function of its keys: nothing fetched is held here.)
 */
const pageRequestsByField = new WeakMap<object, WeakMap<object, PageRequest>>();
/** The same under a time lens inherited from the entity: one field's parents may differ in it (a fragment spread under two lensed root fields). */
const lensedPageRequestsByField = new WeakMap<object, WeakMap<object, Map<string, PageRequest>>>();

/**
 * `relationships(...)` arguments as a page request, checked once per field, request and inherited
 * time lens (throws BAD_USER_INPUT as relationshipPageArgs).
 */
export function relationshipsFieldRequest(fieldArgs: RelationshipsFieldArgs, info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'variableValues'>, inherited?: TimeLens): PageRequest {
  const node = info.fieldNodes[0]!;
  if (inherited) {
    let byVariables = lensedPageRequestsByField.get(node);
    let byLens = byVariables?.get(info.variableValues);
    const key = lensKey(inherited);
    const known = byLens?.get(key);
    if (known) return known;
    const request = pageRequest(relationshipPageArgs(fieldArgs, inherited));
    if (!byVariables) lensedPageRequestsByField.set(node, (byVariables = new WeakMap()));
    if (!byLens) byVariables.set(info.variableValues, (byLens = new Map()));
    byLens.set(key, request);
    return request;
  }
  let byVariables = pageRequestsByField.get(node);
  const known = byVariables?.get(info.variableValues);
  if (known) return known;
  const request = pageRequest(relationshipPageArgs(fieldArgs));
  if (!byVariables) pageRequestsByField.set(node, (byVariables = new WeakMap()));
  byVariables.set(info.variableValues, request);
  return request;
}
