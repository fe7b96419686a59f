import { InputError } from '../validation/index.js';

/** What clients may filter facts by: a source, a minimum grade (reliability A–F, credibility 1–6). */
export interface ProvenanceFilter {
  source?: string | null;
  minReliability?: string | null;
  minCredibility?: number | null;
}

/** Throws InputError for a filter no fact could meet; resolvers call it before batching. */
export function checkProvenanceFilter(filter: ProvenanceFilter | null | undefined): void {
  const credibility = filter?.minCredibility;
  if (credibility != null && (!Number.isInteger(credibility) || credibility < 1 || credibility > 6)) {
    throw new InputError('provenance.minCredibility', `must be an integer from 1 to 6 (got ${credibility})`);
  }
}

/**
 * A Cypher condition that keeps the node or relationship `variable` when one of its grades comes
 * from the given source (if any) and is at least as good as asked. Grades are stored as `B2`
 * strings beside `sourceIds`; `A` < `F` and `1` < `6` compare the right way round.
 * `variable` and `prefix` come from our code, never from a request; values go in as parameters.
 */
export function provenanceCondition(
  variable: string,
  filter: ProvenanceFilter | null | undefined,
  params: Record<string, unknown>,
  prefix: string,
): string | undefined {
  if (!filter || (filter.source == null && filter.minReliability == null && filter.minCredibility == null)) return undefined;
  checkProvenanceFilter(filter);
  params[`${prefix}Source`] = filter.source ?? null;
  params[`${prefix}MaxReliability`] = filter.minReliability ?? 'F';
  params[`${prefix}MaxCredibility`] = filter.minCredibility ?? 6;
  return `any(i IN range(0, size(coalesce(${variable}.sourceIds, [])) - 1)
    WHERE ($${prefix}Source IS NULL OR ${variable}.sourceIds[i] = $${prefix}Source)
      AND substring(${variable}.grades[i], 0, 1) <= $${prefix}MaxReliability
      AND toInteger(substring(${variable}.grades[i], 1)) <= $${prefix}MaxCredibility)`;
}
