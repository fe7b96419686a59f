import type {
  DashFlowsByCurrencyAndMonthQuery,
  DashRecruitmentCorridorsQuery,
  DashScamCentresByCountryQuery,
  DashVictimsByNationalityQuery,
  ScamCentreStatus,
} from '../gql/graphql';
import { countryName, shortCode } from './countries';

/** Shapes of the dashboards' buckets, and how they are grouped for the charts and the map. */

export type VictimBucket = DashVictimsByNationalityQuery['victimsByNationality']['nodes'][number];
export type CorridorBucket = DashRecruitmentCorridorsQuery['recruitmentCorridors']['nodes'][number];
export type CentreCountBucket = DashScamCentresByCountryQuery['scamCentresByCountry']['nodes'][number];
export type FlowBucket = DashFlowsByCurrencyAndMonthQuery['flowsByCurrencyAndMonth']['nodes'][number];

/** Every status, in the order the stacked chart and the tables use. */
export const STATUSES: readonly ScamCentreStatus[] = ['ACTIVE', 'RAIDED', 'RELOCATED', 'CLOSED', 'UNKNOWN'];

export const STATUS_LABEL: Record<ScamCentreStatus, string> = {
  ACTIVE: 'Active',
  RAIDED: 'Raided',
  RELOCATED: 'Relocated',
  CLOSED: 'Closed',
  UNKNOWN: 'Unknown',
};

/** Colours of the statuses (Tableau 10; bars get a dark border, so the light ones still stand out). */
export const STATUS_COLOUR: Record<ScamCentreStatus, string> = {
  ACTIVE: '#e15759',
  RAIDED: '#f28e2b',
  RELOCATED: '#b07aa1',
  CLOSED: '#79706e',
  UNKNOWN: '#bab0ac',
};

export function statusLabel(status: ScamCentreStatus | null | undefined): string {
  return status ? STATUS_LABEL[status] : 'Status not given';
}

/** The countries of a corridor in order: origin, transit countries, destination. */
export function corridorStops(c: CorridorBucket): Array<string | null> {
  return [c.origin ?? null, ...c.transit, c.destination ?? null];
}

/** "UG → AE → TH → MM". */
export function corridorCodes(c: CorridorBucket): string {
  return corridorStops(c).map(shortCode).join(' → ');
}

/** "Uganda → United Arab Emirates → Thailand → Myanmar (Burma)". */
export function corridorNames(c: CorridorBucket): string {
  return corridorStops(c).map(countryName).join(' → ');
}

/** Is the number of a bucket withheld (or missing)? */
export function isSuppressed(b: { suppressed: boolean }, value: number | null | undefined): value is null | undefined {
  return b.suppressed || value === null || value === undefined;
}

/** Scam centres of one country: the counts by status that are published, and the statuses that are not. */
export interface CountryCentres {
  countryCode: string | null;
  total: number;
  byStatus: Map<ScamCentreStatus | null, number>;
  suppressed: Array<ScamCentreStatus | null>;
}

/** Groups the scam-centre buckets by country, largest published total first, then the rest by code. */
export function centresByCountry(nodes: readonly CentreCountBucket[]): CountryCentres[] {
  const byCountry = new Map<string | null, CountryCentres>();
  for (const b of nodes) {
    const key = b.countryCode ?? null;
    let entry = byCountry.get(key);
    if (!entry) {
      entry = { countryCode: key, total: 0, byStatus: new Map(), suppressed: [] };
      byCountry.set(key, entry);
    }
    if (isSuppressed(b, b.count)) entry.suppressed.push(b.status ?? null);
    else {
      entry.total += b.count;
      entry.byStatus.set(b.status ?? null, (entry.byStatus.get(b.status ?? null) ?? 0) + b.count);
    }
  }
  const byCode = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a.localeCompare(b));
  return [...byCountry.values()].sort((a, b) => b.total - a.total || byCode(a.countryCode, b.countryCode));
}
