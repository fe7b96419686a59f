import DataLoader from 'dataloader';
import type { Database } from '../database/index.js';
import { findEntitiesByIds } from '../graph/index.js';
import type { EntityModel } from '../model/index.js';

/**
 * The DataLoaders of one request. Built per request so that caching never leaks between viewers,
 * and so that every nested level of a query costs one batched round trip.
 */
export interface Loaders {
  entityById: DataLoader<string, EntityModel | null>;
}

export function createLoaders(db: Database): Loaders {
  return {
    entityById: new DataLoader(async (ids) => {
      const byId = await findEntitiesByIds(db, ids);
      return ids.map((id) => byId.get(id) ?? null);
    }),
  };
}
