import { int, type Node } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import { KINDS, type EntityLabel, type EntityModel } from '../model/index.js';
import { visibleNodeCondition, type Visibility } from '../policy/index.js';
import { toEntityModel } from './records.js';

/**
 * Geography: scam centres and places keep their coordinates also as a WGS-84 point, `geoPoint`,
 * under a point index (migration 0010), so a distance or a bounding box is an index seek. Every
 * write path derives it from latitude/longitude with the same expression.
 */
export const GEO_POINT = 'geoPoint';

/** Kinds with coordinates: those whose properties include latitude and longitude (the domain model). */
export const GEO_KINDS: readonly EntityLabel[] = (Object.keys(KINDS) as EntityLabel[]).filter((label) => 'latitude' in KINDS[label].properties && 'longitude' in KINDS[label].properties);

/** The point of `holder`'s stored coordinates, or null when either is missing. */
export function geoPointExpression(holder = 'n'): string {
  return `CASE WHEN ${holder}.latitude IS NOT NULL AND ${holder}.longitude IS NOT NULL THEN point({latitude: ${holder}.latitude, longitude: ${holder}.longitude}) END`;
}

/** `, n.geoPoint = …` for a SET after a write, for the kinds with coordinates; '' for the others. */
export function geoPointAssignment(label: EntityLabel, holder = 'n'): string {
  return GEO_KINDS.includes(label) ? `, ${holder}.${GEO_POINT} = ${geoPointExpression(holder)}` : '';
}

/** Metres in a kilometre: Neo4j measures WGS-84 distances in metres. */
const METRES_PER_KM = 1_000;

export interface NearbyEntity {
  entity: EntityModel;
  distanceKm: number;
}

/** The statement of `findNear` (parameters $latitude, $longitude, $metres, $first): a seek on the point index. */
export function nearStatement(label: EntityLabel, visibility: Visibility): string {
  if (!GEO_KINDS.includes(label)) throw new Error(`${label} has no coordinates`);
  return `WITH point({latitude: $latitude, longitude: $longitude}) AS centre
     MATCH (n:${label})
     WHERE point.distance(n.${GEO_POINT}, centre) <= $metres AND ${visibleNodeCondition(visibility, 'n', [label])}
     WITH n, point.distance(n.${GEO_POINT}, centre) AS metres
     ORDER BY metres, n.id
     LIMIT $first
     RETURN n, metres`;
}

/**
 * Entities of `label` within `radiusKm` of a point, nearest first (then by id), at most `first`:
 * the point index answers `point.distance(...) <= r`.
 */
export async function findNear(db: Database, label: EntityLabel, latitude: number, longitude: number, radiusKm: number, first: number, visibility: Visibility): Promise<NearbyEntity[]> {
  const { records } = await db.read<{ n: Node; metres: number }>(
    nearStatement(label, visibility),
    { latitude, longitude, metres: radiusKm * METRES_PER_KM, first: int(first) },
  );
  return records.map((record) => ({ entity: toEntityModel(record.get('n')), distanceKm: Number(record.get('metres')) / METRES_PER_KM }));
}

/** The list filter's bounding box as a condition over `n` (values from `$within`). */
export const WITHIN_BOX_CONDITION = `point.withinBBox(n.${GEO_POINT}, point({latitude: $within.south, longitude: $within.west}), point({latitude: $within.north, longitude: $within.east}))`;
