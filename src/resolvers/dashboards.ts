import { K_ANONYMITY_THRESHOLD, suppressSmallBuckets, type Visibility } from '../policy/index.js';

/**
 * Dashboard aggregates as a role may see them. Investigators and above get every count exactly.
 * Below, the policy's small-number rule (src/policy/suppression.ts) decides which buckets are
 * suppressed: their numbers become null and `suppressed` true, and no total is published. Shown
 * buckets keep their order (largest first); suppressed ones follow in the order of their keys, so
 * the order says nothing about their sizes.
 */

/**
 * Applies the rule to one table. `counts` reads a bucket's count (the one the threshold is about);
 * `blank` gives the bucket with every number nulled; `key` orders the suppressed buckets.
 */
function publish<T, P>(
  buckets: readonly T[],
  visibility: Visibility,
  count: (bucket: T) => number,
  shown: (bucket: T) => P,
  blank: (bucket: T) => P,
  key: (bucket: T) => string,
): P[] {
  if (visibility.exactAggregates) return buckets.map(shown);
  const suppressed = suppressSmallBuckets(buckets.map(count), K_ANONYMITY_THRESHOLD);
  const visible = buckets.filter((_, i) => !suppressed[i]).map(shown);
  const hidden = buckets.filter((_, i) => suppressed[i]).sort((a, b) => key(a).localeCompare(key(b))).map(blank);
  return [...visible, ...hidden];
}

interface Suppressible { suppressed: boolean }
type Published<T, Numbers extends keyof T> = Omit<T, Numbers> & { [K in Numbers]: T[K] | null } & Suppressible;

type NationalityBucket = { countryId: string | null; countryCode: string | null; victims: number };
type CorridorBucket = { origin: string | null; transit: string[]; destination: string | null; victims: number };
type ScamCentreBucket<S> = { countryCode: string | null; status: S; count: number };
type FlowBucket = { currency: string | null; month: string | null; transfers: number; amount: number; amountUsd: number };

export function publishedNationalityCounts(buckets: readonly NationalityBucket[], visibility: Visibility): Array<Published<NationalityBucket, 'victims'>> {
  return publish<NationalityBucket, Published<NationalityBucket, 'victims'>>(
    buckets, visibility, (b) => b.victims,
    (b) => ({ countryId: b.countryId, countryCode: b.countryCode, victims: b.victims, suppressed: false }),
    (b) => ({ countryId: b.countryId, countryCode: b.countryCode, victims: null, suppressed: true }),
    (b) => b.countryCode ?? '',
  );
}

export function publishedCorridors(buckets: readonly CorridorBucket[], visibility: Visibility, first: number): Array<Published<CorridorBucket, 'victims'>> {
  return publish<CorridorBucket, Published<CorridorBucket, 'victims'>>(
    buckets, visibility, (b) => b.victims,
    (b) => ({ origin: b.origin, transit: b.transit, destination: b.destination, victims: b.victims, suppressed: false }),
    (b) => ({ origin: b.origin, transit: b.transit, destination: b.destination, victims: null, suppressed: true }),
    (b) => JSON.stringify([b.origin, b.transit, b.destination]),
  ).slice(0, first);
}

export function publishedScamCentreCounts<S extends string | null>(buckets: ReadonlyArray<ScamCentreBucket<S>>, visibility: Visibility): Array<Published<ScamCentreBucket<S>, 'count'>> {
  return publish<ScamCentreBucket<S>, Published<ScamCentreBucket<S>, 'count'>>(
    buckets, visibility, (b) => b.count,
    (b) => ({ countryCode: b.countryCode, status: b.status, count: b.count, suppressed: false }),
    (b) => ({ countryCode: b.countryCode, status: b.status, count: null, suppressed: true }),
    (b) => JSON.stringify([b.countryCode, b.status]),
  );
}

/** Flows are published by month; a bucket's size is its number of transfers, and its amounts go with it. */
export function publishedFlows(buckets: readonly FlowBucket[], visibility: Visibility): Array<Published<FlowBucket, 'transfers' | 'amount' | 'amountUsd'>> {
  return publish<FlowBucket, Published<FlowBucket, 'transfers' | 'amount' | 'amountUsd'>>(
    buckets, visibility, (b) => b.transfers,
    (b) => ({ currency: b.currency, month: b.month, transfers: b.transfers, amount: b.amount, amountUsd: b.amountUsd, suppressed: false }),
    (b) => ({ currency: b.currency, month: b.month, transfers: null, amount: null, amountUsd: null, suppressed: true }),
    (b) => JSON.stringify([b.month, b.currency]),
  );
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
