import { GEO_MAX_RADIUS_KM } from '../config/index.js';
import type { Resolvers } from '../generated/graphql.js';
import { findNear } from '../graph/index.js';
import { InputError } from '../validation/index.js';
import { pageSize } from './pagination.js';

/** Latitude and longitude in range, or BAD_USER_INPUT naming the argument. */
function checkCoordinate(value: number, limit: 90 | 180, path: string): void {
  if (value < -limit || value > limit) throw new InputError(path, `must be a ${limit === 90 ? 'latitude' : 'longitude'} from -${limit} to ${limit} degrees (got ${value})`);
}

/** A bounding box of the list filters: edges in range, south not above north (west > east crosses the 180th meridian). */
export function checkBoundingBox(box: { south: number; west: number; north: number; east: number }, path: string): void {
  checkCoordinate(box.south, 90, `${path}.south`);
  checkCoordinate(box.north, 90, `${path}.north`);
  checkCoordinate(box.west, 180, `${path}.west`);
  checkCoordinate(box.east, 180, `${path}.east`);
  if (box.south > box.north) throw new InputError(`${path}.north`, `must not be south of south (${box.south}); got ${box.north}`);
}

export const geographyResolvers: Resolvers = {
  Query: {
    scamCentresNear: async (_parent, { latitude, longitude, radiusKm, first }, { db, loaders }) => {
      checkCoordinate(latitude, 90, 'latitude');
      checkCoordinate(longitude, 180, 'longitude');
      if (!(radiusKm > 0 && radiusKm <= GEO_MAX_RADIUS_KM)) throw new InputError('radiusKm', `must be more than 0 and at most ${GEO_MAX_RADIUS_KM.toLocaleString('en-US')} kilometres (got ${radiusKm})`);
      const size = pageSize(first);
      const near = await findNear(db, 'ScamCentre', latitude, longitude, radiusKm, size, loaders.visibility);
      loaders.rememberEntities(near.map((n) => n.entity));
      return near.map(({ entity, distanceKm }) => ({ scamCentre: entity, distanceKm }));
    },
  },
};
