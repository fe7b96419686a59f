import { int } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import type { ScamCentreStatus } from '../model/index.js';
import { visibleNodeCondition, type Visibility } from '../policy/index.js';
import { AMOUNT_PARTS, currentTallies, joinUnits, readDerivedBoard, readTalliesByKey, type MovedTally, type StoredTally, type TallyState } from './tallies.js';
import { compareKeys, rerankMoved, sortByCount } from './rankedTable.js';
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

export async function countVictimsByNationality(db: Database): Promise<NationalityBucket[]> {
  return readDerivedBoard(db, 'victimsByNationality', async (rows) => {
    const countryIds = rows.map((r) => r['countryId']).filter((id): id is string => typeof id === 'string');
    // The country code is the country's own: a tally holds the country by id (a change of code moves the revision).
    const { records } = await db.read<{ id: string; countryCode: string | null }>(
      'UNWIND $ids AS id MATCH (c:Entity {id: id}) RETURN id, c.countryCode AS countryCode',
      { ids: countryIds },
    );
    const codes = new Map(records.map((r) => [r.get('id'), r.get('countryCode')]));
    return sortByCount(rows
      .map((r) => {
        const countryId = (r['countryId'] as string | undefined) ?? null;
        return { countryId, countryCode: countryId === null ? null : codes.get(countryId) ?? null, victims: r.count };
      }), (b) => b.victims, (b) => `${b.countryCode ?? '\uffff'}|${b.countryId ?? '\uffff'}`);
  });
}

const movedBuckets = <T>(moved: readonly MovedTally[], bucket: (tally: StoredTally) => T) =>
  moved.map(({ before, after }) => ({ before: before && bucket(before), after: after && bucket(after) }));
const corridorBucket = (r: StoredTally): CorridorBucket => ({ origin: (r['origin'] as string | undefined) ?? null, transit: (r['transit'] as string[] | undefined) ?? [], destination: (r['destination'] as string | undefined) ?? null, victims: r.count });

export async function countRecruitmentCorridors(db: Database): Promise<CorridorBucket[]> {
  return readDerivedBoard(db, 'recruitmentCorridors', async (rows, { since }) =>
    (since && rerankMoved(since.derived, movedBuckets(since.moved, corridorBucket), (b) => b.victims, corridorKey)) ?? sortByCount(rows.map(corridorBucket), (b) => b.victims, corridorKey));
}

const scamCentreBucket = (r: StoredTally): ScamCentreBucket => ({ countryCode: (r['countryCode'] as string | undefined) ?? null, status: (r['status'] as ScamCentreStatus | undefined) ?? null, count: r.count });
const scamCentreKey = (b: ScamCentreBucket) => `${b.countryCode ?? '\uffff'}|${b.status ?? '\uffff'}`;

export async function countScamCentresByCountry(db: Database): Promise<ScamCentreBucket[]> {
  return readDerivedBoard(db, 'scamCentresByCountry', async (rows, { since }) =>
    (since && rerankMoved(since.derived, movedBuckets(since.moved, scamCentreBucket), (b) => b.count, scamCentreKey)) ?? sortByCount(rows.map(scamCentreBucket), (b) => b.count, scamCentreKey));
}

/** A flow bucket while it is summed: amounts as integer parts, joined once at the end (as the reference does). */
type FlowSum = { currency: string | null; month: string | null; transfers: number; parts: AmountParts };
type AmountParts = [amountWhole: number, amountNanos: number, amountUsdWhole: number, amountUsdNanos: number];
type FlowTally = { currency: string | null; period: string | null; transfers: number; parts: AmountParts };

const flowTallies = (period: 'month' | 'day') => (rows: StoredTally[]): Promise<FlowTally[]> => Promise.resolve(rows.map((r) => ({
  currency: (r['currency'] as string | undefined) ?? null, period: (r[period] as string | undefined) ?? null, transfers: r.count, parts: r.parts ?? [0, 0, 0, 0],
})));

/* Periods as the prefixes of UTC ISO instants: `YYYY-MM`, `YYYY-MM-DD` and `YYYY-MM-DDTHH`, each with its first instant and the next period's. */
const monthStart = (month: string) => `${month}-01T00:00:00.000Z`;
function nextMonthStart(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1)).toISOString();
}
const dayStart = (day: string) => `${day}T00:00:00.000Z`;
const nextDayStart = (day: string) => new Date(Date.parse(dayStart(day)) + 86_400_000).toISOString();
const hourStart = (hour: string) => `${hour}:00:00.000Z`;
const nextHourStart = (hour: string) => new Date(Date.parse(hourStart(hour)) + 3_600_000).toISOString();

/**
 * The finer periods a cut range is summed from, coarsest first: a cut month's whole days from the day
 * tallies, then a cut day's whole hours from the hour tallies; only the hour or two a window cuts are
 * summed from their transfers. Each period is a prefix of the UTC ISO instant.
 */
const FINER_PERIODS = [
  { board: 'flowsByCurrencyAndDay', length: 10, start: dayStart, next: nextDayStart },
  { board: 'flowsByCurrencyAndHour', length: 13, start: hourStart, next: nextHourStart },
] as const;

/** A part of the window inside one period it cuts, with the currencies that period's tally has (no other can have finer tallies in it). */
type CutRange = { since: string; until: string; currencies: Array<string | null> };

/**
 * Flows in a window: whole months inside it from the month tallies; in a month the window cuts, its
 * whole days from the day tallies; in a day it cuts, its whole hours from the hour tallies; only the
 * hour or two it cuts are summed from their transfers (an index range on `at`). Finer tallies are
 * looked up by key (currency and period), never scanned. Stored instants are UTC ISO strings
 * (validation makes them so), compared as strings, as the reference does. A window asked again at
 * the same revision of the tallies is answered from memory (FLOW_ANSWERS_KEPT): shared, not to be
 * changed by the caller.
 */
export async function sumFlowsByCurrencyAndMonth(db: Database, window: TimeWindow): Promise<readonly FlowBucket[]> {
  // One read of the tallies' revision for every board.
  const state = await currentTallies(db);
  const generation = `${state.revision}|${state.rebuiltAt}`;
  let held = flowAnswers.get(db.driver);
  if (held?.generation !== generation) flowAnswers.set(db.driver, (held = { generation, answers: new Map() }));
  const key = `${window.since ?? ''}|${window.until ?? ''}`;
  const kept = held.answers.get(key);
  if (kept) {
    // Most recently asked last: the first is the one to let go.
    held.answers.delete(key);
    held.answers.set(key, kept);
    return kept;
  }
  const answer = await computeFlows(db, window, state);
  held.answers.set(key, answer);
  if (held.answers.size > FLOW_ANSWERS_KEPT) held.answers.delete(held.answers.keys().next().value!);
  return answer;
}

/**
 * How many windows' flows are kept per revision of the tallies: a dashboard's users ask the same few
 * windows over and over, and every write that moves a tally moves the revision, which lets them all
 * go. Held per database (views share a driver), as the boards are.
 */
export const FLOW_ANSWERS_KEPT = 64;
const flowAnswers = new WeakMap<object, { generation: string; answers: Map<string, readonly FlowBucket[]> }>();

/** sumFlowsByCurrencyAndMonth's computation, from the tallies at `state` (the reference test compares every answer, kept or not, with the recount). */
async function computeFlows(db: Database, window: TimeWindow, state: TallyState): Promise<readonly FlowBucket[]> {
  const sums = new Map<string, FlowSum>();
  const add = (currency: string | null, month: string | null, transfers: number, parts: AmountParts) => {
    const key = flowKey({ currency, month });
    const sum = sums.get(key);
    if (sum) {
      sum.transfers += transfers;
      sum.parts = [sum.parts[0] + parts[0], sum.parts[1] + parts[1], sum.parts[2] + parts[2], sum.parts[3] + parts[3]];
    } else sums.set(key, { currency, month, transfers, parts: [...parts] });
  };
  // The cut hours' transfers in one statement.
  const months = await readDerivedBoard(db, 'flowsByCurrencyAndMonth', flowTallies('month'), state);
  const wholeMonth = whollyInside(window, monthStart, nextMonthStart);
  for (const t of months) if (wholeMonth(t.period)) add(t.currency, t.period, t.transfers, t.parts);
  let cut: CutRange[] = cutRanges(window, 7, monthStart, nextMonthStart).map((range) => {
    const month = range.since.slice(0, 7);
    return { ...range, currencies: months.filter((t) => t.period === month).map((t) => t.currency) };
  });
  for (const level of FINER_PERIODS) {
    if (cut.length === 0) break;
    // Used before the next await (the map is the one held, updated in place by later reads).
    const tallies = await readTalliesByKey(db, level.board, state);
    const finer: CutRange[] = [];
    for (const range of cut) {
      // A cut range lies within one month: the month of its start.
      const month = range.since.slice(0, 7);
      for (const period of periodsBetween(range, level.length, level.start, level.next)) {
        // The part of the range in this period: the whole period, or a cut one.
        const [start, next] = [level.start(period), level.next(period)];
        const since = range.since > start ? range.since : start;
        const until = range.until < next ? range.until : next;
        const present = range.currencies.flatMap((currency) => {
          const tally = tallies.get(`${currency ?? ''}|${period}`);
          return tally ? [{ currency, tally }] : [];
        });
        if (since === start && until === next) {
          for (const { currency, tally } of present) add(currency, month, tally.count, tally.parts ?? [0, 0, 0, 0]);
        } else if (present.length > 0) {
          // A period no tally has a currency in holds none of its transfers: nothing finer to read.
          finer.push({ since, until, currencies: present.map((p) => p.currency) });
        }
      }
    }
    cut = finer;
  }
  for (const r of await sumTransfersBetween(db, cut)) add(r.currency, r.month, r.transfers, r.parts);
  return [...sums.values()]
    .map((b) => ({ currency: b.currency, month: b.month, transfers: b.transfers, amount: joinUnits(b.parts[0], b.parts[1]), amountUsd: joinUnits(b.parts[2], b.parts[3]) }))
    .sort((a, b) => compareKeys(flowKey(a), flowKey(b)));
}

/** The periods (prefixes of `length`) a range within one coarser period overlaps, in order: at most 31 days or 24 hours. */
function periodsBetween(range: { since: string; until: string }, length: number, start: (period: string) => string, next: (period: string) => string): string[] {
  const periods: string[] = [];
  for (let period = range.since.slice(0, length); start(period) < range.until; period = next(period).slice(0, length)) periods.push(period);
  return periods;
}

const corridorKey = (b: Pick<CorridorBucket, 'origin' | 'transit' | 'destination'>) => `${b.origin ?? '\uffff'}|${b.transit.join(',')}|${b.destination ?? '\uffff'}`;
/** Months in order, then currencies; undated transfers last. */
const flowKey = (b: Pick<FlowBucket, 'currency' | 'month'>) => `${b.month ?? '\uffff'}|${b.currency ?? '\uffff'}`;

/** Whether every instant of a period (null: undated) lies in the window. */
function whollyInside(window: TimeWindow, start: (period: string) => string, next: (period: string) => string): (period: string | null) => boolean {
  return (period) => {
    if (period === null) return window.since === null && window.until === null;
    return (window.since === null || window.since <= start(period)) && (window.until === null || next(period) <= window.until);
  };
}

/** The parts of the window inside periods it cuts (at most two ranges: where it starts, where it ends). */
function cutRanges(window: TimeWindow, length: number, start: (period: string) => string, next: (period: string) => string): Array<{ since: string; until: string }> {
  const { since, until } = window;
  const whole = whollyInside(window, start, next);
  const sincePeriod = since?.slice(0, length) ?? null;
  const untilPeriod = until?.slice(0, length) ?? null;
  if (since !== null && until !== null && sincePeriod === untilPeriod) return since < until && !whole(sincePeriod) ? [{ since, until }] : [];
  const ranges: Array<{ since: string; until: string }> = [];
  if (since !== null && !whole(sincePeriod)) ranges.push({ since, until: next(sincePeriod!) });
  if (until !== null && untilPeriod !== null && until > start(untilPeriod) && !whole(untilPeriod)) ranges.push({ since: start(untilPeriod), until });
  return ranges.filter((r) => r.since < r.until);
}

/** Transfers summed by currency and month over disjoint time ranges (the cut hours), each an index range seek on `at`. */
async function sumTransfersBetween(db: Database, ranges: ReadonlyArray<{ since: string; until: string }>): Promise<Array<{ currency: string | null; month: string | null; transfers: number; parts: AmountParts }>> {
  if (ranges.length === 0) return [];
  const { records } = await db.read<{ currency: string | null; month: string | null; transfers: number; amountWhole: number; amountNanos: number; amountUsdWhole: number; amountUsdNanos: number }>(
    `UNWIND $ranges AS range
     CALL (range) { MATCH ()-[r:TRANSFERRED]->() WHERE r.at >= range.since AND r.at < range.until RETURN r }
     RETURN r.currency AS currency, left(r.at, 7) AS month, count(r) AS transfers, ${amountSums('r')}`,
    { ranges },
  );
  return records.map((r) => ({ currency: r.get('currency'), month: r.get('month'), transfers: r.get('transfers'), parts: [r.get('amountWhole'), r.get('amountNanos'), r.get('amountUsdWhole'), r.get('amountUsdNanos')] }));
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
  return sortByCount(records.map((r) => r.toObject()), (b) => b.victims, (b) => `${b.countryCode ?? '\uffff'}|${b.countryId ?? '\uffff'}`);
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
  return sortByCount<CorridorBucket>(records.map((r) => r.toObject()), (b) => b.victims, corridorKey);
}

export async function recountScamCentresByCountry(db: Database): Promise<ScamCentreBucket[]> {
  const { records } = await db.read<ScamCentreBucket>(
    `MATCH (c:ScamCentre)
     OPTIONAL MATCH (c)-[:LOCATED_IN]->(l:Location)
     WITH c, min(l.countryCode) AS countryCode
     RETURN countryCode, c.status AS status, count(c) AS count`,
  );
  return sortByCount(records.map((r) => r.toObject()), (b) => b.count, (b) => `${b.countryCode ?? '\uffff'}|${b.status ?? '\uffff'}`);
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
