import DataLoader from 'dataloader';
import type { Database } from '../database/index.js';
import {
  countRelationshipsOf, findEntitiesByIds, findRelationshipPages, findRelationshipsByIds, type RelationshipPageArgs,
} from '../graph/index.js';
import type { EntityModel, RelationshipEdgeModel, RelationshipModel } from '../model/index.js';

/**
 * The DataLoaders of one request. Built per request so that caching never leaks between viewers,
 * and so that every nested level of a query costs one batched round trip whatever the number of
 * parents (one per distinct set of arguments at that level).
 */
export interface Loaders {
  entityById: DataLoader<string, EntityModel | null>;
  relationshipById: DataLoader<string, RelationshipModel | null>;
  relationshipPage: DataLoader<RelationshipPageKey, RelationshipPage, string>;
  relationshipCount: DataLoader<RelationshipCountKey, number, string>;
}

export interface RelationshipPageKey {
  entityId: string;
  args: RelationshipPageArgs;
}
export interface RelationshipCountKey {
  entityId: string;
  args: Pick<RelationshipPageArgs, 'direction' | 'types' | 'provenance'>;
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

export function createLoaders(db: Database): Loaders {
  const entityById = new DataLoader<string, EntityModel | null>(async (ids) => {
    const byId = await findEntitiesByIds(db, ids);
    return ids.map((id) => byId.get(id) ?? null);
  });
  return {
    entityById,
    relationshipById: new DataLoader(async (ids) => {
      const byId = await findRelationshipsByIds(db, ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
    relationshipPage: new DataLoader(
      groupedByArgs<RelationshipPageKey, RelationshipPage>(async (ids, args) => {
        const pages = await findRelationshipPages(db, ids, args);
        // The entities at the other ends came along: `from`, `to` and `other` need no further trip.
        for (const page of pages.values()) for (const edge of page.edges) entityById.prime(edge.other.id, edge.other);
        return pages;
      }, { edges: [], hasNextPage: false }),
      { cacheKeyFn: keyOf },
    ),
    relationshipCount: new DataLoader(
      groupedByArgs<RelationshipCountKey, number>((ids, args) => countRelationshipsOf(db, ids, args), 0),
      { cacheKeyFn: keyOf },
    ),
  };
}
