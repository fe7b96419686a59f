import { badUserInput } from '../errors/index.js';
import type { CorridorBucket, FlowBucket, NationalityBucket, ScamCentreBucket } from '../graph/index.js';
import { K_ANONYMITY_THRESHOLD, suppressSmallBuckets, type Visibility } from '../policy/index.js';

/**
 * Dashboard aggregates as a role may see them, a page at a time. Investigators and above get every
 * count exactly. Below, the policy's small-number rule (src/policy/suppression.ts) decides which
 * buckets are suppressed, over the whole table: their numbers become null and `suppressed` true, and
 * no total is published. Shown buckets come in the dashboard's order; suppressed ones follow in the
 * order of their keys, so the order says nothing about their sizes. Filters and pages then select
 * from that published table, so no filter can make a bucket visible that the whole table hides.
 */

/** Most buckets on one page. */
export const DASHBOARD_PAGE_MAX = 250;

interface Board<B, P> {
  /** Names the board in its cursors, so a cursor from another dashboard is refused. */
  name: string;
  /** The count the threshold is about. */
  count: (bucket: B) => number;
  /** Order of shown buckets before the key: the count, largest first, or nothing (flows are in month order). */
  bySize: boolean;
  /** The bucket's key: ties among shown buckets, and the order of suppressed ones. */
  key: (bucket: B) => string;
  shown: (bucket: B) => P;
  blank: (bucket: B) => P;
}

/** Where a bucket stands in the published order: shown before suppressed, then size, then key. */
type Position = [hidden: 0 | 1, rank: number, key: string];

export interface DashboardPage<P> {
  nodes: P[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  bucketCount: number;
}

export interface PageArgs { first?: number | null | undefined; after?: string | null | undefined }

/** `keep`: the filters as one test, or null without filters (the whole table, not a copy of 30,000 entries). */
function publishedPage<B, P>(board: Board<B, P>, buckets: readonly B[], visibility: Visibility, keep: ((bucket: B) => boolean) | null, page: PageArgs, defaultFirst: number): DashboardPage<P> {
  const first = page.first ?? defaultFirst;
  if (!Number.isInteger(first) || first < 1 || first > DASHBOARD_PAGE_MAX) throw badUserInput(`first must be from 1 to ${DASHBOARD_PAGE_MAX} (got ${first}); page on with after`, 'first');
  const after = page.after === null || page.after === undefined ? null : decodePosition(board.name, page.after);
  const table = publishedTable(board, buckets, visibility.exactAggregates);
  const published = keep ? table.filter(({ bucket }) => keep(bucket)) : table;
  const start = after === null ? 0 : published.findIndex((entry) => comparePositions(entry.position, after) > 0);
  const from = start < 0 ? published.length : start;
  const selected = published.slice(from, from + first);
  const cursors = selected.map((entry) => encodePosition(board.name, entry.position));
  return {
    nodes: selected.map(({ bucket, position }) => (position[0] === 1 ? board.blank(bucket) : board.shown(bucket))),
    pageInfo: { hasNextPage: from + first < published.length, hasPreviousPage: false, startCursor: cursors[0] ?? null, endCursor: cursors.at(-1) ?? null },
    bucketCount: published.length,
  };
}

/**
 * The whole table as published (suppression decided, in published order), computed once per table:
 * the graph layer hands out the same bucket array until a write moves the tallies, so a request
 * only filters and slices (recruitment corridors are 30,000 buckets at 1M entities).
 */
const publishedTables = new WeakMap<readonly unknown[], Map<boolean, ReadonlyArray<{ bucket: unknown; position: Position }>>>();

function publishedTable<B, P>(board: Board<B, P>, buckets: readonly B[], exact: boolean): ReadonlyArray<{ bucket: B; position: Position }> {
  let tables = publishedTables.get(buckets);
  if (!tables) publishedTables.set(buckets, (tables = new Map()));
  const cached = tables.get(exact);
  if (cached) return cached as ReadonlyArray<{ bucket: B; position: Position }>;
  const suppressed = exact ? buckets.map(() => false) : suppressSmallBuckets(buckets.map(board.count), K_ANONYMITY_THRESHOLD);
  const table = buckets
    .map((bucket, i) => ({ bucket, position: [suppressed[i] ? 1 : 0, suppressed[i] || !board.bySize ? 0 : -board.count(bucket), board.key(bucket)] as Position }))
    .sort((a, b) => comparePositions(a.position, b.position));
  tables.set(exact, table);
  return table;
}

function comparePositions(a: Position, b: Position): number {
  return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);
}

function encodePosition(board: string, position: Position): string {
  return Buffer.from(JSON.stringify([board, ...position])).toString('base64url');
}

function decodePosition(board: string, cursor: string): Position {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || (parsed[1] !== 0 && parsed[1] !== 1) || typeof parsed[2] !== 'number' || typeof parsed[3] !== 'string') {
    throw badUserInput('after is not a cursor of this dashboard: pass pageInfo.endCursor of its page before', 'after');
  }
  if (parsed[0] !== board) throw badUserInput(`after is a cursor of ${String(parsed[0])}, not of ${board}: cursors only page on the dashboard that gave them`, 'after');
  return [parsed[1], parsed[2], parsed[3]];
}

interface Suppressible { suppressed: boolean }
type Published<T, Numbers extends keyof T> = Omit<T, Numbers> & { [K in Numbers]: T[K] | null } & Suppressible;

const codeKey = (code: string | null) => code ?? '\uffff';
const keyOf = (...parts: ReadonlyArray<string | null>) => parts.map(codeKey).join('|');
const among = <T>(allowed: readonly T[] | null | undefined, value: T | null) => !allowed || (value !== null && allowed.includes(value));

const NATIONALITIES: Board<NationalityBucket, Published<NationalityBucket, 'victims'>> = {
  name: 'victimsByNationality', count: (b) => b.victims, bySize: true, key: (b) => keyOf(b.countryCode, b.countryId),
  shown: (b) => ({ ...b, suppressed: false }),
  blank: (b) => ({ ...b, victims: null, suppressed: true }),
};

const CORRIDORS: Board<CorridorBucket, Published<CorridorBucket, 'victims'>> = {
  name: 'recruitmentCorridors', count: (b) => b.victims, bySize: true, key: (b) => keyOf(b.origin, b.transit.join(','), b.destination),
  shown: (b) => ({ ...b, suppressed: false }),
  blank: (b) => ({ ...b, victims: null, suppressed: true }),
};

const SCAM_CENTRES: Board<ScamCentreBucket, Published<ScamCentreBucket, 'count'>> = {
  name: 'scamCentresByCountry', count: (b) => b.count, bySize: true, key: (b) => keyOf(b.countryCode, b.status),
  shown: (b) => ({ ...b, suppressed: false }),
  blank: (b) => ({ ...b, count: null, suppressed: true }),
};

/** Flows are published by month; a bucket's size is its number of transfers, and its amounts go with it. */
const FLOWS: Board<FlowBucket, Published<FlowBucket, 'transfers' | 'amount' | 'amountUsd'>> = {
  name: 'flowsByCurrencyAndMonth', count: (b) => b.transfers, bySize: false, key: (b) => keyOf(b.month, b.currency),
  shown: (b) => ({ ...b, suppressed: false }),
  blank: (b) => ({ ...b, transfers: null, amount: null, amountUsd: null, suppressed: true }),
};

/** The filters given (null or absent fields are not filters), or null when there are none. */
const filtering = <B>(filter: Record<string, unknown>, keep: (bucket: B) => boolean) => (Object.values(filter).some((v) => v !== null && v !== undefined) ? keep : null);

export function nationalityPage(buckets: readonly NationalityBucket[], visibility: Visibility, filter: { nationalities?: readonly string[] | null }, page: PageArgs) {
  return publishedPage(NATIONALITIES, buckets, visibility, filtering(filter, (b: NationalityBucket) => among(filter.nationalities, b.countryCode)), page, 50);
}

export function corridorPage(buckets: readonly CorridorBucket[], visibility: Visibility, filter: { origins?: readonly string[] | null; destinations?: readonly string[] | null; via?: string | null }, page: PageArgs) {
  const keep = (b: CorridorBucket) => among(filter.origins, b.origin) && among(filter.destinations, b.destination) && (!filter.via || b.transit.includes(filter.via));
  return publishedPage(CORRIDORS, buckets, visibility, filtering(filter, keep), page, 20);
}

export function scamCentrePage(buckets: readonly ScamCentreBucket[], visibility: Visibility, filter: { countries?: readonly string[] | null; statuses?: readonly string[] | null }, page: PageArgs) {
  return publishedPage(SCAM_CENTRES, buckets, visibility, filtering(filter, (b: ScamCentreBucket) => among(filter.countries, b.countryCode) && among(filter.statuses, b.status)), page, 50);
}

export function flowPage(buckets: readonly FlowBucket[], visibility: Visibility, filter: { currencies?: readonly string[] | null }, page: PageArgs) {
  return publishedPage(FLOWS, buckets, visibility, filtering(filter, (b: FlowBucket) => among(filter.currencies, b.currency)), page, 50);
}

/** A time window widened to whole calendar months (UTC): its buckets are then exactly the unfiltered ones. */
export function wholeMonths(window: { since: string | null; until: string | null }): { since: string | null; until: string | null } {
  const monthStart = (iso: string, add: number) => {
    const date = new Date(iso);
    return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + add, 1)).toISOString();
  };
  const untilIsMonthStart = window.until !== null && window.until === monthStart(window.until, 0);
  return {
    since: window.since === null ? null : monthStart(window.since, 0),
    until: window.until === null ? null : untilIsMonthStart ? window.until : monthStart(window.until, 1),
  };
}
