/** Type declarations for the parts of talisman (no types of its own) that entity resolution uses. */
declare module 'talisman/metrics/jaro-winkler.js' {
  /** Jaro-Winkler similarity of two strings, 0 (nothing in common) to 1 (equal). */
  const jaroWinkler: (a: string, b: string) => number;
  export default jaroWinkler;
}
declare module 'talisman/phonetics/double-metaphone.js' {
  /** Double Metaphone codes of a word: [primary, alternate]. */
  const doubleMetaphone: (word: string) => [string, string];
  export default doubleMetaphone;
}
