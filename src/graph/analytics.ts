import { int } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import type { ScamCentreStatus } from '../model/index.js';
import { visibleNodeCondition, type Visibility } from '../policy/index.js';
import { isOverDegree } from './traversal.js';

/**
 * Dashboard aggregates: one read each, grouped in Cypher. They return exact counts; which of them a
 * role may see (small buckets suppressed below investigator) is the resolvers' to apply, with the
 * policy's suppressSmallBuckets, over every bucket (so `first` is applied after suppression).
 */

export async function countVictimsByNationality(db: Database): Promise<Array<{ countryId: string | null; countryCode: string | null; victims: number }>> {
  const { records } = await db.read<{ countryId: string | null; countryCode: string | null; victims: number }>(
    // :TraffickingVictim is derived from roles on every write (DERIVED_LABELS): a label scan, not a read of every person's roles.
    `MATCH (p:TraffickingVictim)
     OPTIONAL MATCH (p)-[:NATIONAL_OF]->(c:Location)
     WITH c, count(DISTINCT p) AS victims
     RETURN c.id AS countryId, c.countryCode AS countryCode, victims
     ORDER BY victims DESC, countryCode`,
  );
  return records.map((r) => r.toObject());
}

/**
 * Corridors from journeys: the RECRUITMENT stop's country (else the first stop's), the TRANSIT
 * countries in order, the EXPLOITATION country (else the last stop's).
 */
export async function countRecruitmentCorridors(db: Database, first: number | null): Promise<Array<{ origin: string | null; transit: string[]; destination: string | null; victims: number }>> {
  const { records } = await db.read<{ origin: string | null; transit: string[]; destination: string | null; victims: number }>(
    `MATCH (p:Person)-[t:TRAVELLED_TO]->(l:Location)
     WITH p, t, l ORDER BY t.seq
     WITH p, collect({stage: t.stage, country: l.countryCode}) AS stops
     WITH p, stops,
          [s IN stops WHERE s.stage = 'RECRUITMENT' | s.country] AS recruited,
          [s IN stops WHERE s.stage = 'EXPLOITATION' | s.country] AS exploited
     WITH p,
          coalesce(head(recruited), head(stops).country) AS origin,
          [s IN stops WHERE s.stage = 'TRANSIT' | s.country] AS transit,
          coalesce(last(exploited), last(stops).country) AS destination
     RETURN origin, transit, destination, count(DISTINCT p) AS victims
     ORDER BY victims DESC, origin, destination
     ${first === null ? '' : 'LIMIT $first'}`,
    { first: first === null ? null : int(first) },
  );
  return records.map((r) => r.toObject());
}

export async function countScamCentresByCountry(db: Database): Promise<Array<{ countryCode: string | null; status: ScamCentreStatus | null; count: number }>> {
  const { records } = await db.read<{ countryCode: string | null; status: ScamCentreStatus | null; count: number }>(
    `MATCH (c:ScamCentre)
     OPTIONAL MATCH (c)-[:LOCATED_IN]->(l:Location)
     WITH c, head(collect(l.countryCode)) AS countryCode
     RETURN countryCode, c.status AS status, count(c) AS count
     ORDER BY count DESC, countryCode, status`,
  );
  return records.map((r) => r.toObject());
}

export async function sumFlowsByCurrencyAndMonth(db: Database, window: { since: string | null; until: string | null }): Promise<Array<{ currency: string | null; month: string | null; transfers: number; amount: number; amountUsd: number }>> {
  const { records } = await db.read<{ currency: string | null; month: string | null; transfers: number; amount: number; amountUsd: number }>(
    `MATCH ()-[r:TRANSFERRED]->()
     WHERE ($since IS NULL OR r.at >= $since) AND ($until IS NULL OR r.at < $until)
     RETURN r.currency AS currency, left(r.at, 7) AS month, count(r) AS transfers,
            sum(coalesce(r.amount, 0.0)) AS amount, sum(coalesce(r.amountUsd, 0.0)) AS amountUsd
     ORDER BY month, currency`,
    window,
  );
  return records.map((r) => r.toObject());
}

/** The edges of the whole graph for betweenness, hubs and entities hidden from the role left out, capped. */
export async function loadBrokerEdges(db: Database, maxRelationships: number, maxDegree: number, visibility: Visibility): Promise<{ edges: Array<[string, string]>; capped: boolean }> {
  const { records } = await db.read<{ a: string; b: string }>(
    `MATCH (x:Entity)-[r]->(y:Entity)
     WHERE NOT (x:Location AND x.locationType = 'COUNTRY') AND NOT (y:Location AND y.locationType = 'COUNTRY')
       AND NOT x:Source AND NOT y:Source
       AND ${visibleNodeCondition(visibility, 'x')} AND ${visibleNodeCondition(visibility, 'y')}
       AND NOT ${isOverDegree(visibility, 'x', '$maxDegree')} AND NOT ${isOverDegree(visibility, 'y', '$maxDegree')}
     RETURN x.id AS a, y.id AS b
     LIMIT $limit`,
    { limit: int(maxRelationships + 1), maxDegree: int(maxDegree) },
  );
  return { edges: records.slice(0, maxRelationships).map((r) => [r.get('a'), r.get('b')]), capped: records.length > maxRelationships };
}
