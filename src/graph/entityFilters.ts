import type { EntityLabel } from '../model/index.js';
import { provenanceCondition, type ProvenanceFilter } from './provenance.js';

/**
 * Filters of the list fields (`people`, `scamCentres`, ...) as Cypher conditions over `n`. Each
 * condition is a fixed fragment; only values travel, as parameters.
 */
export interface FilterConditions {
  conditions: string[];
  params: Record<string, unknown>;
}

type Filter = Record<string, unknown> & { provenance?: ProvenanceFilter | null };

/** Field of a filter input → condition (value bound as `$<field>`). Absent or null fields are skipped. */
const CONDITIONS: Record<EntityLabel, Record<string, string>> = {
  Person: {
    roles: 'any(role IN coalesce(n.roles, []) WHERE role IN $roles)',
    nationality: 'EXISTS { (n)-[:NATIONAL_OF]->(:Location {countryCode: $nationality}) }',
    gender: 'n.gender = $gender',
    ageBand: 'n.ageBand = $ageBand',
    illustrative: 'coalesce(n.illustrative, false) = $illustrative',
  },
  Organization: {
    orgTypes: 'n.orgType IN $orgTypes',
    jurisdiction: 'n.jurisdiction = $jurisdiction',
    illustrative: 'coalesce(n.illustrative, false) = $illustrative',
  },
  ScamCentre: {
    // Every Location carries the countryCode of its country, so one hop finds a centre in a city too.
    country: 'EXISTS { (n)-[:LOCATED_IN]->(:Location {countryCode: $country}) }',
    statuses: 'n.status IN $statuses',
    scamTypes: 'any(t IN coalesce(n.scamTypes, []) WHERE t IN $scamTypes)',
    illustrative: 'coalesce(n.illustrative, false) = $illustrative',
  },
  Location: {
    locationTypes: 'n.locationType IN $locationTypes',
    countryCode: 'n.countryCode = $countryCode',
  },
  Account: {
    accountTypes: 'n.accountType IN $accountTypes',
    flagged: 'coalesce(n.flagged, false) = $flagged',
    currency: 'n.currency = $currency',
    chain: 'n.chain = $chain',
  },
  Operation: {
    activeSince: 'n.endDate IS NULL OR n.endDate >= $activeSince',
    activeUntil: 'n.startDate IS NULL OR n.startDate <= $activeUntil',
  },
  Source: {
    publisher: 'n.publisher = $publisher',
  },
};

/** Values that must be upper-case in the store (country codes arrive in either case). */
const UPPER_CASE = new Set(['nationality', 'jurisdiction', 'country', 'countryCode']);

export function entityFilterConditions(label: EntityLabel, filter: Filter | null | undefined): FilterConditions {
  const conditions: string[] = [];
  const params: Record<string, unknown> = {};
  if (!filter) return { conditions, params };
  const table = CONDITIONS[label];
  for (const [field, value] of Object.entries(filter)) {
    if (field === 'provenance' || value === null || value === undefined) continue;
    const condition = table[field];
    if (!condition) throw new Error(`No condition for filter field ${label}.${field}`);
    if (Array.isArray(value) && value.length === 0) continue;
    conditions.push(condition);
    params[field] = UPPER_CASE.has(field) && typeof value === 'string' ? value.toUpperCase() : value instanceof Date ? value.toISOString().slice(0, 10) : value;
  }
  const provenance = provenanceCondition('n', filter.provenance, params, 'p');
  if (provenance) conditions.push(provenance);
  return { conditions, params };
}

/** Order fields → sort expressions over `n`; nulls sort as the smallest value. */
export const SORT_EXPRESSIONS: Record<string, { expression: string }> = {
  NAME: { expression: 'n.name' },
  ID: { expression: 'n.id' },
  LAST_SEEN: { expression: "coalesce(n.lastSeen, '')" },
  ESTIMATED_WORKFORCE: { expression: 'coalesce(n.estimatedWorkforce, -1)' },
};
