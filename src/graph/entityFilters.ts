import { derivedLabelsOfKind, type EntityLabel } from '../model/index.js';
import { WITHIN_BOX_CONDITION } from './geo.js';
import { provenanceCondition, type ProvenanceFilter } from './provenance.js';

/**
 * Filters of the list fields (`people`, `scamCentres`, ...) as Cypher conditions over `n`. Each
 * condition is a fixed fragment; only values travel, as parameters.
 */
export interface FilterConditions {
  conditions: string[];
  /** Patterns over `n` the entity must be in (see PATTERNS); matched, not tested per entity. */
  patterns: string[];
  params: Record<string, unknown>;
  /**
   * Per filter answered by derived labels, the labels the entity must carry one of: when the role
   * hides every label of a set, nothing can match (see `listEntities`).
   */
  labelsAnyOf: string[][];
}

type Filter = Record<string, unknown> & { provenance?: ProvenanceFilter | null };

/** Field of a filter input → condition (value bound as `$<field>`). Absent or null fields are skipped. */
const CONDITIONS: Record<EntityLabel, Record<string, string>> = {
  Person: {
    roles: 'any(role IN coalesce(n.roles, []) WHERE role IN $roles)',
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
    statuses: 'n.status IN $statuses',
    scamTypes: 'any(t IN coalesce(n.scamTypes, []) WHERE t IN $scamTypes)',
    illustrative: 'coalesce(n.illustrative, false) = $illustrative',
    within: WITHIN_BOX_CONDITION,
  },
  Location: {
    locationTypes: 'n.locationType IN $locationTypes',
    countryCode: 'n.countryCode = $countryCode',
    within: WITHIN_BOX_CONDITION,
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

/**
 * Filter fields met through a relationship to a country, as patterns rather than `EXISTS { … }`
 * conditions: a pattern lets the planner start from the country (an index seek, then its
 * relationships) instead of testing every entity of the kind. activeCentres at 1M: 51,699 → 9,514
 * db hits. Every Location carries the countryCode of its country, so one hop finds a centre in a
 * city too (and DISTINCT, in the list statements, counts a centre linked to both once).
 */
const PATTERNS: Partial<Record<EntityLabel, Record<string, string>>> = {
  Person: { nationality: '(n)-[:NATIONAL_OF]->(:Location {countryCode: $nationality})' },
  ScamCentre: { country: '(n)-[:LOCATED_IN]->(:Location {countryCode: $country})' },
};

/** Values that must be upper-case in the store (country codes arrive in either case). */
const UPPER_CASE = new Set(['nationality', 'jurisdiction', 'country', 'countryCode']);

/**
 * A list filter on values that carry a derived label (DERIVED_LABELS: `roles` TRAFFICKING_VICTIM is
 * :TraffickingVictim): when every value asked for has one, the labels answer it — a label scan, or a
 * label test on what a pattern reached — instead of reading every entity's list property. The
 * labels are from the model's fixed table, never from the request. Null when some value has none.
 */
export function derivedLabelCondition(label: EntityLabel, field: string, values: readonly unknown[]): string | null {
  const labels = derivedLabelsFor(label, field, values);
  return labels ? anyLabelCondition(labels) : null;
}

/** `(n:A OR n:B)`: the entity carries one of these derived labels (the model's constants). */
function anyLabelCondition(labels: readonly string[]): string {
  return `(${labels.map((l) => `n:${l}`).join(' OR ')})`;
}

/** The derived labels that answer `field IN values`, or null when some value has none. */
function derivedLabelsFor(label: EntityLabel, field: string, values: readonly unknown[]): string[] | null {
  const derived = derivedLabelsOfKind(label).filter(([, spec]) => spec.property === field);
  const labels = values.map((value) => derived.find(([, spec]) => spec.value === value)?.[0]);
  if (values.length === 0 || labels.some((l) => l === undefined)) return null;
  return [...new Set(labels as string[])];
}

/** `filterForm: 'property'` is the reference: every filter as its property condition, no derived labels (tests compare the two). */
export function entityFilterConditions(label: EntityLabel, filter: Filter | null | undefined, filterForm: 'labels' | 'property' = 'labels'): FilterConditions {
  const conditions: string[] = [];
  const patterns: string[] = [];
  const params: Record<string, unknown> = {};
  const labelsAnyOf: string[][] = [];
  if (!filter) return { conditions, patterns, params, labelsAnyOf };
  for (const [field, value] of Object.entries(filter)) {
    if (field === 'provenance' || value === null || value === undefined) continue;
    const condition = CONDITIONS[label][field];
    const pattern = PATTERNS[label]?.[field];
    if (!condition && !pattern) throw new Error(`No condition for filter field ${label}.${field}`);
    if (Array.isArray(value) && value.length === 0) continue;
    const byLabel = filterForm === 'labels' && Array.isArray(value) ? derivedLabelsFor(label, field, value) : null;
    if (pattern) patterns.push(pattern);
    else if (byLabel) {
      conditions.push(anyLabelCondition(byLabel));
      labelsAnyOf.push(byLabel);
      continue;
    } else conditions.push(condition!);
    params[field] = UPPER_CASE.has(field) && typeof value === 'string' ? value.toUpperCase() : value instanceof Date ? value.toISOString().slice(0, 10) : value;
  }
  const provenance = provenanceCondition('n', filter.provenance, params, 'p');
  if (provenance) conditions.push(provenance);
  return { conditions, patterns, params, labelsAnyOf };
}

/**
 * Order fields → sort expressions over `n`; nulls sort as the smallest value. `alwaysSet`: a property
 * every entity has (and an index per kind covers), so pages are read in index order.
 */
export const SORT_EXPRESSIONS: Record<string, { expression: string; alwaysSet?: boolean }> = {
  NAME: { expression: 'n.name', alwaysSet: true },
  ID: { expression: 'n.id', alwaysSet: true },
  LAST_SEEN: { expression: "coalesce(n.lastSeen, '')" },
  ESTIMATED_WORKFORCE: { expression: 'coalesce(n.estimatedWorkforce, -1)' },
};
