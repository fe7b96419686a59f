/**
 * Small-number suppression for dashboard aggregates (part of the policy: which numbers a role may
 * see). A bucket counting fewer than k things is not published (primary suppression). Because a
 * client may know or learn a total (a published report, another dashboard), one suppressed bucket
 * alone could be recovered as the total minus the others; so more buckets are suppressed, smallest
 * first, until the suppressed ones are at least two and together count at least k (secondary, or
 * complementary, suppression). No total is published beside suppressed buckets either.
 */

/** A count as published: the number, or null with `suppressed` when it may not be shown. */
export interface SuppressedCount {
  count: number | null;
  suppressed: boolean;
}

/** Fewest suppressed buckets in a table that has any: one alone is the total minus the rest. */
const MIN_SUPPRESSED_BUCKETS = 2;

/**
 * Which buckets to suppress, by index, given their counts and the threshold k: every bucket under k,
 * then the smallest shown ones until the suppressed are at least two and count at least k in all
 * (or nothing is left to suppress). Pure: the same counts always give the same answer.
 */
export function suppressSmallBuckets(counts: readonly number[], k: number): boolean[] {
  const suppressed = counts.map((count) => count < k);
  if (!suppressed.some(Boolean)) return suppressed;
  const shownSmallestFirst = counts.map((count, index) => ({ count, index })).filter(({ index }) => !suppressed[index]).sort((a, b) => a.count - b.count || a.index - b.index);
  const enough = () => {
    const chosen = counts.filter((_, index) => suppressed[index]);
    return chosen.length >= MIN_SUPPRESSED_BUCKETS && chosen.reduce((sum, count) => sum + count, 0) >= k;
  };
  for (const { index } of shownSmallestFirst) {
    if (enough()) break;
    suppressed[index] = true;
  }
  return suppressed;
}
