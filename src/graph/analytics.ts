import { int } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import type { ScamCentreStatus } from '../model/index.js';
import { visibleNodeCondition, type Visibility } from '../policy/index.js';
import { AMOUNT_PARTS, joinUnits, tallies } from './tallies.js';
import { isOverDegree } from './traversal.js';

/**
 * Dashboards. Each is read from its tallies (src/graph/tallies.ts), kept current by every write; the
 * `recount…` functions below are the reference: the same numbers aggregated from the whole graph
 * (a scan per request at 1M entities), kept for the test that proves the tallies exact and for the
 * benchmark's floor. They return exact counts; which of them a role may see (small buckets suppressed
 * below investigator) is the resolvers' to apply.
 */

export type NationalityBucket = { countryId: string | null; countryCode: string | null; victims: number };
export type CorridorBucket = { origin: string | null; transit: string[]; destination: string | null; victims: number };
export type ScamCentreBucket = { countryCode: string | null; status: ScamCentreStatus | null; count: number };
export type FlowBucket = { currency: string | null; month: string | null; transfers: number; amount: number; amountUsd: number };
export interface TimeWindow { since: string | null; until: string | null }

const byCount = <T>(count: (b: T) => number, key: (b: T) => string) => (a: T, b: T) => count(b) - count(a) || compareKeys(key(a), key(b));
/** Keys compare as Cypher orders strings (by code point), so both paths sort alike. */
const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function countVictimsByNationality(db: Database): Promise<NationalityBucket[]> {
  const rows = await tallies(db, 'victimsByNationality');
  const countryIds = rows.map((r) => r['countryId']).filter((id): id is string => typeof id === 'string');
  // The country code is the country's own, read now: a tally holds the country by id.
  const { records } = await db.read<{ id: string; countryCode: string | null }>(
    'UNWIND $ids AS id MATCH (c:Entity {id: id}) RETURN id, c.countryCode AS countryCode',
    { ids: countryIds },
  );
  const codes = new Map(records.map((r) => [r.get('id'), r.get('countryCode')]));
  return rows
    .map((r) => {
      const countryId = (r['countryId'] as string | undefined) ?? null;
      return { countryId, countryCode: countryId === null ? null : codes.get(countryId) ?? null, victims: r.count };
    })
    .sort(byCount((b) => b.victims, (b) => `${b.countryCode ?? '\uffff'}|${b.countryId ?? '\uffff'}`));
}

export async function countRecruitmentCorridors(db: Database): Promise<CorridorBucket[]> {
  const rows = await tallies(db, 'recruitmentCorridors');
  return rows
    .map((r) => ({ origin: (r['origin'] as string | undefined) ?? null, transit: (r['transit'] as string[] | undefined) ?? [], destination: (r['destination'] as string | undefined) ?? null, victims: r.count }))
    .sort(byCount<CorridorBucket>((b) => b.victims, corridorKey));
}

export async function countScamCentresByCountry(db: Database): Promise<ScamCentreBucket[]> {
  const rows = await tallies(db, 'scamCentresByCountry');
  return rows
    .map((r) => ({ countryCode: (r['countryCode'] as string | undefined) ?? null, status: (r['status'] as ScamCentreStatus | undefined) ?? null, count: r.count }))
    .sort(byCount((b) => b.count, (b) => `${b.countryCode ?? '\uffff'}|${b.status ?? '\uffff'}`));
}

/**
 * Flows in a window: whole months inside it from the tallies; a month the window cuts is summed from
 * its transfers (an index range on `at`). Stored instants are UTC ISO strings (validation makes
 * them so), compared as strings, as the reference does.
 */
export async function sumFlowsByCurrencyAndMonth(db: Database, window: TimeWindow): Promise<FlowBucket[]> {
  const rows = await tallies(db, 'flowsByCurrencyAndMonth');
  const buckets = new Map<string, FlowBucket>();
  const add = (b: FlowBucket) => {
    const key = flowKey(b);
    const sum = buckets.get(key);
    if (sum) Object.assign(sum, { transfers: sum.transfers + b.transfers, amount: sum.amount + b.amount, amountUsd: sum.amountUsd + b.amountUsd });
    else buckets.set(key, { ...b });
  };
  const whole = wholeMonthsOf(window);
  for (const r of rows) {
    const month = (r['month'] as string | undefined) ?? null;
    if (whole(month)) add({ currency: (r['currency'] as string | undefined) ?? null, month, transfers: r.count, amount: r.amount ?? 0, amountUsd: r.amountUsd ?? 0 });
  }
  for (const range of cutMonths(window)) for (const b of await sumTransfersBetween(db, range)) add(b);
  return [...buckets.values()].sort((a, b) => compareKeys(flowKey(a), flowKey(b)));
}

const corridorKey = (b: Pick<CorridorBucket, 'origin' | 'transit' | 'destination'>) => `${b.origin ?? '\uffff'}|${b.transit.join(',')}|${b.destination ?? '\uffff'}`;
/** Months in order, then currencies; undated transfers last. */
const flowKey = (b: Pick<FlowBucket, 'currency' | 'month'>) => `${b.month ?? '\uffff'}|${b.currency ?? '\uffff'}`;

const monthStart = (month: string) => `${month}-01T00:00:00.000Z`;
function nextMonthStart(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1)).toISOString();
}

/** Whether every instant of a month (`YYYY-MM`; null: undated) lies in the window. */
function wholeMonthsOf(window: TimeWindow): (month: string | null) => boolean {
  return (month) => {
    if (month === null) return window.since === null && window.until === null;
    return (window.since === null || window.since <= monthStart(month)) && (window.until === null || nextMonthStart(month) <= window.until);
  };
}

/** The parts of the window in months it cuts (at most two ranges: where it starts, where it ends). */
function cutMonths(window: TimeWindow): Array<{ from: string; to: string }> {
  const { since, until } = window;
  const whole = wholeMonthsOf(window);
  const sinceMonth = since?.slice(0, 7) ?? null;
  const untilMonth = until?.slice(0, 7) ?? null;
  if (since !== null && until !== null && sinceMonth === untilMonth) return since < until && !whole(sinceMonth) ? [{ from: since, to: until }] : [];
  const ranges: Array<{ from: string; to: string }> = [];
  if (since !== null && !whole(sinceMonth)) ranges.push({ from: since, to: nextMonthStart(sinceMonth!) });
  if (until !== null && untilMonth !== null && until > monthStart(untilMonth) && !whole(untilMonth)) ranges.push({ from: monthStart(untilMonth), to: until });
  return ranges.filter((r) => r.from < r.to);
}

async function sumTransfersBetween(db: Database, range: { from: string; to: string }): Promise<FlowBucket[]> {
  const { records } = await db.read<{ currency: string | null; month: string | null; transfers: number; amountWhole: number; amountNanos: number; amountUsdWhole: number; amountUsdNanos: number }>(
    `MATCH ()-[r:TRANSFERRED]->() WHERE r.at >= $from AND r.at < $to
     RETURN r.currency AS currency, left(r.at, 7) AS month, count(r) AS transfers, ${amountSums('r')}`,
    range,
  );
  return records.map((r) => flowBucketOf(r.toObject()));
}

const amountSums = (r: string) => `sum(${AMOUNT_PARTS.wholeUnits(`${r}.amount`)}) AS amountWhole, sum(${AMOUNT_PARTS.nanoUnits(`${r}.amount`)}) AS amountNanos,
            sum(${AMOUNT_PARTS.wholeUnits(`${r}.amountUsd`)}) AS amountUsdWhole, sum(${AMOUNT_PARTS.nanoUnits(`${r}.amountUsd`)}) AS amountUsdNanos`;

function flowBucketOf(r: { currency: string | null; month: string | null; transfers: number; amountWhole: number; amountNanos: number; amountUsdWhole: number; amountUsdNanos: number }): FlowBucket {
  return { currency: r.currency, month: r.month, transfers: r.transfers, amount: joinUnits(r.amountWhole, r.amountNanos), amountUsd: joinUnits(r.amountUsdWhole, r.amountUsdNanos) };
}

/* The reference: every dashboard aggregated from the whole graph, in the same order as the reads above. */

export async function recountVictimsByNationality(db: Database): Promise<NationalityBucket[]> {
  const { records } = await db.read<NationalityBucket>(
    `MATCH (p:TraffickingVictim)
     OPTIONAL MATCH (p)-[:NATIONAL_OF]->(c:Location)
     WITH c, count(DISTINCT p) AS victims
     RETURN c.id AS countryId, c.countryCode AS countryCode, victims`,
  );
  return records.map((r) => r.toObject()).sort(byCount((b) => b.victims, (b) => `${b.countryCode ?? '\uffff'}|${b.countryId ?? '\uffff'}`));
}

/**
 * Corridors from journeys: the RECRUITMENT stop's country (else the first stop's), the TRANSIT
 * countries in order, the EXPLOITATION country (else the last stop's). Stops in journey order, equal
 * orders by relationship id.
 */
export async function recountRecruitmentCorridors(db: Database): Promise<CorridorBucket[]> {
  const { records } = await db.read<CorridorBucket>(
    `MATCH (p:Person)-[t:TRAVELLED_TO]->(l:Location)
     WITH p, t, l ORDER BY t.seq, t.id
     WITH p, collect({stage: t.stage, country: l.countryCode}) AS stops
     WITH p, stops,
          [s IN stops WHERE s.stage = 'RECRUITMENT' | s.country] AS recruited,
          [s IN stops WHERE s.stage = 'EXPLOITATION' | s.country] AS exploited
     WITH p,
          coalesce(head(recruited), head(stops).country) AS origin,
          [s IN stops WHERE s.stage = 'TRANSIT' AND s.country IS NOT NULL | s.country] AS transit,
          coalesce(last(exploited), last(stops).country) AS destination
     RETURN origin, transit, destination, count(DISTINCT p) AS victims`,
  );
  return records.map((r) => r.toObject()).sort(byCount<CorridorBucket>((b) => b.victims, corridorKey));
}

export async function recountScamCentresByCountry(db: Database): Promise<ScamCentreBucket[]> {
  const { records } = await db.read<ScamCentreBucket>(
    `MATCH (c:ScamCentre)
     OPTIONAL MATCH (c)-[:LOCATED_IN]->(l:Location)
     WITH c, min(l.countryCode) AS countryCode
     RETURN countryCode, c.status AS status, count(c) AS count`,
  );
  return records.map((r) => r.toObject()).sort(byCount((b) => b.count, (b) => `${b.countryCode ?? '\uffff'}|${b.status ?? '\uffff'}`));
}

export async function recountFlowsByCurrencyAndMonth(db: Database, window: TimeWindow): Promise<FlowBucket[]> {
  const { records } = await db.read<{ currency: string | null; month: string | null; transfers: number; amountWhole: number; amountNanos: number; amountUsdWhole: number; amountUsdNanos: number }>(
    `MATCH ()-[r:TRANSFERRED]->()
     WHERE ($since IS NULL OR r.at >= $since) AND ($until IS NULL OR r.at < $until)
     RETURN r.currency AS currency, left(r.at, 7) AS month, count(r) AS transfers, ${amountSums('r')}`,
    { ...window },
  );
  return records.map((r) => flowBucketOf(r.toObject())).sort((a, b) => compareKeys(flowKey(a), flowKey(b)));
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
