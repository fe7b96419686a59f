import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { RequestContext } from '../../context/index.js';
import type { RelationshipPage } from '../../loaders/index.js';
import type { EntityModel, PrefetchedPage } from '../../model/index.js';
import type { PageRequest } from './pageRequest.js';

/**
 * The look-ahead at run time: a resolver finds the page its entity brought along, or asks the
 * loader. A page found on an entity was fetched for the spot of the query that entity was fetched
 * for, and entities reach other spots only through the request's cache, which never holds pages
 * (Loaders.rememberEntities): so a page is only ever read where it was planned.
 */

/**
 * A page of an entity's relationships: fetched ahead with the entity when the plan had it (then
 * returned as is, not as a promise: graphql-js completes plain values without a microtask each),
 * else through the request's loader. Either way the entities at the other ends are remembered.
 * `needsNextPage`: the caller reads hasNextPage, which a page read ahead for a selection that did
 * not may lack (null); then the loader's page, which always has it. The plan and this check agree
 * but for a directive on pageInfo, which the plan weighs and this check does not (test/graph/lookahead.test.ts).
 */
export function relationshipPageOf(entity: EntityModel, { args, key }: PageRequest, { loaders }: RequestContext, needsNextPage = false): PrefetchedPage | Promise<PrefetchedPage> {
  const prefetched: PrefetchedPage | undefined = entity.prefetched?.get(key);
  if (prefetched && (prefetched.hasNextPage !== null || !needsNextPage)) {
    loaders.rememberEntities(prefetched.edges.map((edge) => edge.other));
    return prefetched;
  }
  return loaders.relationshipPage.load({ entityId: entity.id, args }).then((page: RelationshipPage) => ({ ...page, totalCount: null }));
}

/** Whether a connection field reads `pageInfo`, by its field nodes (fragments followed; a skipped pageInfo counts, the safe side). */
export function readsPageInfo(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>): boolean {
  let known = pageInfoReadByFieldNodes.get(info.fieldNodes);
  if (known === undefined) {
    known = info.fieldNodes.some((node) => node.selectionSet !== undefined && selectsField(node.selectionSet, 'pageInfo', info.fragments, new Set()));
    pageInfoReadByFieldNodes.set(info.fieldNodes, known);
  }
  return known;
}

/** By the field-node list both executors reuse for a field of one document: computed once per document, not per parent. */
const pageInfoReadByFieldNodes = new WeakMap<object, boolean>();

function selectsField(selections: SelectionSetNode, name: string, fragments: GraphQLResolveInfo['fragments'], seen: Set<string>): boolean {
  return selections.selections.some((selection) => {
    if (selection.kind === Kind.FIELD) return selection.name.value === name;
    if (selection.kind === Kind.INLINE_FRAGMENT) return selectsField(selection.selectionSet, name, fragments, seen);
    const fragmentName = selection.name.value;
    if (seen.has(fragmentName)) return false;
    seen.add(fragmentName);
    const fragment = fragments[fragmentName];
    return fragment ? selectsField(fragment.selectionSet, name, fragments, seen) : true;
  });
}

/** Applies `then` to a value or a promise of it, staying synchronous for a plain value. */
export function mapMaybe<T, U>(value: T | Promise<T>, then: (value: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(then) : then(value);
}
