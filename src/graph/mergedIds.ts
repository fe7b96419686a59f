/**
 * Cypher from `id` to `target`: the id itself, or, for an id merged into another entity
 * (mergeEntities, src/graph/merges.ts), the entity it resolves to now. One index seek per id on the
 * merge records; `node` and `nodes` read through it, on the look-ahead path and the loaders' alike.
 */
export const RESOLVE_MERGED_ID = `OPTIONAL MATCH (merge:Merge {mergedId: id}) WHERE merge.undoneAt IS NULL
     WITH id, coalesce(merge.resolvedTo, id) AS target`;
