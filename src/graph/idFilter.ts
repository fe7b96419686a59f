/**
 * A Bloom filter of ids written by an import into a graph that was empty when it started. "No"
 * is certain (the id was not written, so it is not in the graph and needs no lookup); "maybe" falls
 * back to the lookup. A few MB whatever the import's size: a wrong "maybe" costs a lookup, never a
 * wrong answer.
 */
export class IdFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** `log2Bits`: size of the filter in bits, as a power of two. */
  constructor(log2Bits: number, private readonly hashes: number) {
    this.bits = new Uint32Array(2 ** (log2Bits - 5));
    this.mask = 2 ** log2Bits - 1;
  }

  add(id: string): void {
    this.each(id, (bit) => {
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
      return true;
    });
  }

  /** False when `id` was certainly never added. */
  mayHave(id: string): boolean {
    return this.each(id, (bit) => (this.bits[bit >>> 5]! & (1 << (bit & 31))) !== 0);
  }

  /** Double hashing (two FNV-1a variants); stops at the first bit for which `visit` returns false. */
  private each(id: string, visit: (bit: number) => boolean): boolean {
    let h1 = 0x811c9dc5;
    let h2 = 0x01000193;
    for (let i = 0; i < id.length; i++) {
      const c = id.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    h2 |= 1;
    for (let i = 0; i < this.hashes; i++) {
      if (!visit((h1 + Math.imul(i, h2)) & this.mask)) return false;
    }
    return true;
  }
}

/** Sized for millions of ids (4 MB of bits each): about 1% false "maybe" at 3M relationship ids. */
const ENTITY_FILTER_LOG2_BITS = 25;
const RELATIONSHIP_FILTER_LOG2_BITS = 25;
const FILTER_HASHES = 6;

/**
 * What an import into an empty graph knows for sure: every id in the graph was written by this
 * import (so it went through these filters). Lets a batch skip the existence lookups for ids
 * certainly new. Only valid while nothing else writes to the graph during the import.
 */
export interface FreshImport {
  entities: IdFilter;
  relationships: IdFilter;
}

export function freshImport(): FreshImport {
  return { entities: new IdFilter(ENTITY_FILTER_LOG2_BITS, FILTER_HASHES), relationships: new IdFilter(RELATIONSHIP_FILTER_LOG2_BITS, FILTER_HASHES) };
}
