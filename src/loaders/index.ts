import DataLoader from 'dataloader';
import type { Database } from '../database/index.js';
import {
  countRelationshipsOf, findEntitiesByIds, findRelationshipPages, findRelationshipsByIds, type RelationshipPageArgs,
} from '../graph/index.js';
import type { EntityModel, RelationshipEdgeModel, RelationshipModel } from '../model/index.js';
import type { Visibility } from '../policy/index.js';

/**
 * The DataLoaders of one request. Built per request so that caching never leaks between viewers,
 * and so that every nested level of a query costs one batched round trip whatever the number of
 * parents (one per distinct set of arguments at that level). Built for the request's visibility
 * (its role, src/policy): every batch reads only what that role may see, so a hidden entity is
 * `null` here exactly like an unknown id, and nothing hidden ever enters the cache.
 */
export interface Loaders {
  /** What the request's role may see; the graph queries of every batch get it. */
  visibility: Visibility;
  entityById: DataLoader<string, EntityModel | null>;
  relationshipById: DataLoader<string, RelationshipModel | null>;
  relationshipPage: DataLoader<RelationshipPageKey, RelationshipPage, string>;
  relationshipCount: DataLoader<RelationshipCountKey, number, string>;
  /**
   * The one way into the request's entity cache for entities fetched by something other than
   * `entityById` (a root field, a page, a path). The cache is shared by every spot of the request,
   * so it holds only what is right for all of them: whole entities, without the relationship pages
   * one spot's look-ahead fetched for its own selection. A projection is never remembered.
   */
  rememberEntities(entities: Iterable<EntityModel>): void;
  /** After a write: the entity as stored replaces what the request had cached. */
  replaceEntity(entity: EntityModel): void;
  replaceRelationship(relationship: RelationshipModel): void;
}

export interface LoaderOptions {
  /**
   * Cache across fields (DataLoader's per-request memo and remembered entities). Off for the
   * reference path, which must share nothing between the spots of a request.
   */
  cache: boolean;
  /**
   * Fault injection for the differential fuzzer's own test only: remember entities with the pages
   * one spot fetched ahead for its own selection — the defect of issue 11 — so the test can show
   * that the fuzzer finds it. Never set by the server's configuration.
   */
  faultShareFetchedAhead?: boolean;
}

export interface RelationshipPageKey {
  entityId: string;
  args: RelationshipPageArgs;
}
export interface RelationshipCountKey {
  entityId: string;
  args: Pick<RelationshipPageArgs, 'direction' | 'types' | 'provenance' | 'asOf' | 'knownAsOf'>;
}
export interface RelationshipPage {
  edges: RelationshipEdgeModel[];
  hasNextPage: boolean;
}

const keyOf = (key: { entityId: string; args: object }) => JSON.stringify([key.entityId, key.args]);

/** Runs one batch per distinct argument set: parents asking the same question share a round trip. */
function groupedByArgs<K extends { entityId: string; args: object }, V>(
  load: (ids: string[], args: K['args']) => Promise<ReadonlyMap<string, V>>,
  missing: V,
): (keys: readonly K[]) => Promise<V[]> {
  return async (keys) => {
    const groups = new Map<string, { args: K['args']; ids: Set<string> }>();
    const groupOfKey = keys.map((key) => {
      const argsKey = JSON.stringify(key.args);
      let group = groups.get(argsKey);
      if (!group) {
        group = { args: key.args, ids: new Set() };
        groups.set(argsKey, group);
      }
      group.ids.add(key.entityId);
      return group;
    });
    const loaded = new Map(await Promise.all([...groups.values()].map(async (group) => [group, await load([...group.ids], group.args)] as const)));
    return keys.map((key, i) => loaded.get(groupOfKey[i]!)?.get(key.entityId) ?? missing);
  };
}

/** The entity as every spot of a request may see it: without pages fetched ahead for one spot. */
function wholeEntity(entity: EntityModel): EntityModel {
  if (!entity.prefetched) return entity;
  const { prefetched: _pages, ...whole } = entity;
  return whole as EntityModel;
}

export function createLoaders(db: Database, visibility: Visibility, options: LoaderOptions = { cache: true }): Loaders {
  const { cache } = options;
  const entityById = new DataLoader<string, EntityModel | null>(async (ids) => {
    const byId = await findEntitiesByIds(db, ids, visibility);
    return ids.map((id) => byId.get(id) ?? null);
  }, { cache });
  const relationshipById = new DataLoader<string, RelationshipModel | null>(async (ids) => {
    const byId = await findRelationshipsByIds(db, ids, visibility);
    return ids.map((id) => byId.get(id) ?? null);
  }, { cache });

  const rememberEntities = (entities: Iterable<EntityModel>) => {
    if (!cache) return;
    for (const entity of entities) {
      // Projected or read through a time lens: right for one spot of the query only (the fault shares
      // projected ones too, as issue 11's defect shared whatever a spot fetched ahead).
      if (options.faultShareFetchedAhead) {
        if (!entity.lens) entityById.prime(entity.id, entity);
      } else if (!entity.projected && !entity.lens) entityById.prime(entity.id, wholeEntity(entity));
    }
  };

  return {
    visibility,
    entityById,
    relationshipById,
    relationshipPage: new DataLoader(
      groupedByArgs<RelationshipPageKey, RelationshipPage>(async (ids, args) => {
        const pages = await findRelationshipPages(db, ids, args, visibility);
        // The entities at the other ends came along: `from`, `to` and `other` need no further trip.
        for (const page of pages.values()) rememberEntities(page.edges.map((edge) => edge.other));
        return pages;
      }, { edges: [], hasNextPage: false }),
      { cacheKeyFn: keyOf, cache },
    ),
    relationshipCount: new DataLoader(
      groupedByArgs<RelationshipCountKey, number>((ids, args) => countRelationshipsOf(db, ids, args, visibility), 0),
      { cacheKeyFn: keyOf, cache },
    ),
    rememberEntities,
    replaceEntity: (entity) => {
      entityById.clear(entity.id);
      rememberEntities([entity]);
    },
    replaceRelationship: (relationship) => {
      relationshipById.clear(relationship.id);
      if (cache) relationshipById.prime(relationship.id, relationship);
    },
  };
}
