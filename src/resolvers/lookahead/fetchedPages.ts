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
 */
export function relationshipPageOf(entity: EntityModel, { args, key }: PageRequest, { loaders }: RequestContext): PrefetchedPage | Promise<PrefetchedPage> {
  const prefetched: PrefetchedPage | undefined = entity.prefetched?.get(key);
  if (prefetched) {
    loaders.rememberEntities(prefetched.edges.map((edge) => edge.other));
    return prefetched;
  }
  return loaders.relationshipPage.load({ entityId: entity.id, args }).then((page: RelationshipPage) => ({ ...page, totalCount: null }));
}

/** Applies `then` to a value or a promise of it, staying synchronous for a plain value. */
export function mapMaybe<T, U>(value: T | Promise<T>, then: (value: T) => U): U | Promise<U> {
  return value instanceof Promise ? value.then(then) : then(value);
}
