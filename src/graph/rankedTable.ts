/**
 * Dashboard tables ranked by count: largest first, then by key, keys compared as Cypher orders
 * strings (by code point) so that the tallies' path and the recount's sort alike. A table is ranked
 * whole once, then kept ranked as buckets move (`rerankMoved`), which `rankedTable.test.ts` compares
 * with ranking whole on generated tables.
 */

export const compareKeys = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Largest count first, then by key; each key built once, not in every comparison (10,000 corridors at 100k: 130,000 comparisons). */
export function sortByCount<T>(items: T[], count: (b: T) => number, key: (b: T) => string): T[] {
  const decorated = items.map((item) => ({ item, count: count(item), key: key(item) }));
  decorated.sort((a, b) => b.count - a.count || compareKeys(a.key, b.key));
  return decorated.map((entry) => entry.item);
}

/** Above this many moved buckets a table is ranked whole again: each one moved costs a shift of the table. */
export const RERANK_MOVED_LIMIT = 256;

/** A bucket that moved: as the table holds it (undefined: not there) and as it is now (undefined: gone). */
export interface MovedBucket<T> { before: T | undefined; after: T | undefined }

/**
 * A ranked table (sortByCount's order, one bucket per key) with moved buckets taken out and put back
 * where they now rank, by binary search: after a write a few of 30,000 corridors at 1M, which ranking
 * whole again took 50 ms. A new table (readers may still hold the old one). Undefined — rank whole —
 * when too many moved, or when a bucket before is not where the table should hold it.
 */
export function rerankMoved<T>(table: readonly T[], moved: ReadonlyArray<MovedBucket<T>>, count: (b: T) => number, key: (b: T) => string): T[] | undefined {
  if (moved.length > RERANK_MOVED_LIMIT) return undefined;
  const next = table.slice();
  const order = (a: T, b: T) => count(b) - count(a) || compareKeys(key(a), key(b));
  const position = (b: T) => {
    let low = 0;
    let high = next.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (order(next[middle]!, b) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  for (const { before } of moved) {
    if (before === undefined) continue;
    const at = position(before);
    if (at >= next.length || order(next[at]!, before) !== 0) return undefined;
    next.splice(at, 1);
  }
  for (const { after } of moved) if (after !== undefined) next.splice(position(after), 0, after);
  return next;
}
