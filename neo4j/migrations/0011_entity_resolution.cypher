// Entity resolution (issue 17): blocking keys and merge records. Neither is an :Entity, has a
// relationship or is reached by any query but resolution's own.
// One (:ResolutionKey {key, entityId}) per blocking key of an entity, `key` prefixed with the kind
// ("Person|t:tesaliv"): duplicateCandidates reads them in index order, block by block (a block is
// a run of equal keys), so its first page reads a few blocks, never the whole graph. Writes keep
// them in step (src/graph/resolution.ts); a start builds them for a store that has none.
CREATE INDEX resolution_key IF NOT EXISTS FOR (k:ResolutionKey) ON (k.key);
CREATE INDEX resolution_key_entity IF NOT EXISTS FOR (k:ResolutionKey) ON (k.entityId);
// One (:Merge) per mergeEntities: who, when, why, and the merged entity as it was (src/graph/merges.ts).
CREATE CONSTRAINT merge_id IF NOT EXISTS FOR (m:Merge) REQUIRE m.id IS UNIQUE;
CREATE INDEX merge_merged_id IF NOT EXISTS FOR (m:Merge) ON (m.mergedId);
CREATE INDEX merge_resolved_to IF NOT EXISTS FOR (m:Merge) ON (m.resolvedTo);
CREATE INDEX merge_survivor_id IF NOT EXISTS FOR (m:Merge) ON (m.survivorId);
CREATE INDEX merge_at IF NOT EXISTS FOR (m:Merge) ON (m.at);
