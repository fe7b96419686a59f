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
    const groups = new Map<string, { args: K['args']; ids: string[] }>();
    for (const key of keys) {
      const argsKey = JSON.stringify(key.args);
      const group = groups.get(argsKey) ?? { args: key.args, ids: [] as string[] };
      group.ids.push(key.entityId);
      groups.set(argsKey, group);
    }
    const results = new Map<string, V>();
    await Promise.all(
      [...groups.entries()].map(async ([argsKey, group]) => {
        const byId = await load([...new Set(group.ids)], group.args);
        for (const id of group.ids) results.set(`${argsKey}\u0000${id}`, byId.get(id) ?? missing);
      }),
    );
    return keys.map((key) => results.get(`${JSON.stringify(key.args)}\u0000${key.entityId}`) ?? missing);
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
