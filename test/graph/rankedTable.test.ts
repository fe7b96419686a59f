import { describe, expect, it } from 'vitest';
import { Prng } from '../../src/generator/prng.js';
import { RERANK_MOVED_LIMIT, rerankMoved, sortByCount, type MovedBucket } from '../../src/graph/rankedTable.js';

/**
 * The fast path (a ranked table updated for the buckets that moved) against the reference (the table
 * ranked whole again) on generated tables: many equal counts, so that the key decides most places;
 * moves of every kind (a bucket up, down, new, gone, unchanged), and tables small and empty.
 */
type Bucket = { key: string; count: number };
const count = (b: Bucket) => b.count;
const key = (b: Bucket) => b.key;

function generated(p: Prng, size: number, counts: number): Map<string, Bucket> {
  const buckets = new Map<string, Bucket>();
  while (buckets.size < size) {
    // Keys that share prefixes and differ in case or past the ASCII range, as country codes and nulls ('\uffff') do.
    const k = Array.from({ length: 1 + p.int(3) }, () => p.pick(['A', 'B', 'a', 'é', '\uffff', '|', 'AB'])).join('');
    buckets.set(k, { key: k, count: 1 + p.int(counts) });
  }
  return buckets;
}

describe('a ranked table updated for moved buckets', () => {
  it('equals the table ranked whole, on generated tables and moves', () => {
    const p = new Prng(14);
    for (let round = 0; round < 400; round++) {
      const buckets = generated(p, p.int(60), p.chance(0.5) ? 3 : 40);
      const table = sortByCount([...buckets.values()], count, key);
      const held = table.map((b) => ({ ...b }));
      const keys = [...buckets.keys()];
      const moved: Array<MovedBucket<Bucket>> = [];
      const touched = new Set<string>();
      for (let m = p.int(12); m > 0; m--) {
        const existing = keys.length > 0 && p.chance(0.7) ? p.pick(keys) : `new${p.int(20)}`;
        if (touched.has(existing)) continue;
        touched.add(existing);
        const before = buckets.get(existing);
        const roll = p.next();
        const after = roll < 0.25 ? undefined : roll < 0.35 && before ? { ...before } : { key: existing, count: 1 + p.int(40) };
        if (after) buckets.set(existing, after);
        else buckets.delete(existing);
        if (before || after) moved.push({ before, after });
      }
      const reranked = rerankMoved(table, moved, count, key);
      expect(reranked, `round ${round}`).toEqual(sortByCount([...buckets.values()], count, key));
      // The table as readers held it is left as it was.
      expect(table).toEqual(held);
    }
  });

  it('gives up (rank whole) when a bucket before is not in the table, or too many moved', () => {
    const table = sortByCount([{ key: 'A', count: 2 }, { key: 'B', count: 1 }], count, key);
    expect(rerankMoved(table, [{ before: { key: 'A', count: 3 }, after: { key: 'A', count: 4 } }], count, key)).toBeUndefined();
    expect(rerankMoved(table, [{ before: { key: 'C', count: 1 }, after: undefined }], count, key)).toBeUndefined();
    const many = Array.from({ length: RERANK_MOVED_LIMIT + 1 }, (_, i) => ({ before: undefined, after: { key: `n${i}`, count: 1 } }));
    expect(rerankMoved(table, many, count, key)).toBeUndefined();
    expect(rerankMoved(table, many.slice(0, 2), count, key)).toEqual(sortByCount([...table, ...many.slice(0, 2).map((m) => m.after)], count, key));
  });
});
