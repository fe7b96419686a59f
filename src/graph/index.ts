export { findEntitiesByIds, listEntities, countEntities } from './entities.js';
export type { EntityListQuery, EntityListPage } from './entities.js';
export { findEntitiesWithPages } from './prefetch.js';
export type { PrefetchPlan, RelationshipPrefetch } from './prefetch.js';
export { isEntityProperty, isRelationshipProperty } from './projection.js';
export type { Properties } from './projection.js';
export { findRelationshipPages, countRelationshipsOf, relationshipPageKey, findRelationshipsByIds, listTransfers, countTransfers } from './relationships.js';
export type { Direction, RelationshipPageArgs, TransferListQuery } from './relationships.js';
export { upsertEntity, linkRelationship, unlinkRelationship, deleteEntities, derivedRelationshipId, givesSortKey, knowsSubjects, type WriteOptions } from './writes.js';
export { decidingSequence } from './writesTogether.js';
export { provenanceCondition, checkProvenanceFilter } from './provenance.js';
export type { ProvenanceFilter } from './provenance.js';
export { encodeCursor, decodeCursor, KeysetEdge, type CursorScope } from './cursors.js';
export type { KeysetForm, SortValue } from './cursors.js';
export { entityFilterConditions, SORT_EXPRESSIONS } from './entityFilters.js';
export type { FilterConditions } from './entityFilters.js';
export {
  upsertEntityBatch, linkRelationshipBatch, findSourceIds, graphHasNoData, awaitSearchIndex, newEntityProperties, newRelationshipProperties,
} from './bulkWrites.js';
export { freshImport } from './idFilter.js';
export type { FreshImport } from './idFilter.js';
export type { BulkEntity, BulkRelationship, BulkRejection, BulkOutcome } from './bulkWrites.js';
export { findShortestPaths, findNeighbourhood, findCommonConnections } from './paths.js';
export type { PathReads } from './paths.js';
export { followMoney } from './moneyTrail.js';
export type { MoneyTrailArgs, MoneyTrailReads } from './moneyTrail.js';
export { searchEntities, luceneQuery } from './search.js';
export {
  countVictimsByNationality, countRecruitmentCorridors, countScamCentresByCountry, sumFlowsByCurrencyAndMonth, loadBrokerEdges,
  recountVictimsByNationality, recountRecruitmentCorridors, recountScamCentresByCountry, recountFlowsByCurrencyAndMonth,
  type NationalityBucket, type CorridorBucket, type ScamCentreBucket, type FlowBucket, type TimeWindow,
} from './analytics.js';
export { ensureTallies, rebuildTallies, TALLY_VERSION } from './tallies.js';
export type { TraversalFilter } from './traversal.js';
export { findSubgraph, findSubgraphOfIds, MAX_SUBGRAPH_NODES } from './subgraph.js';
export { findNear, GEO_KINDS, GEO_POINT } from './geo.js';
export { findTimeline } from './timeline.js';
export type { TimelineEvent } from './timeline.js';
export type { NearbyEntity } from './geo.js';
export type { Subgraph, StoredNode, StoredRelationship } from './subgraph.js';
export { ensureResolutionKeys, findDuplicateCandidates, refreshResolutionKeys, refreshResolutionKeysOf, RESOLUTION_KEYS_VERSION, AFTER_BLOCK } from './resolution.js';
export type { CandidatePair, CandidatePage, CandidatePosition } from './resolution.js';
export { activeMergeOf, listMerges, mergedIdProblem, mergeEntities, unmergeEntities } from './merges.js';
export type { MergeActor, MergeModel } from './merges.js';
export {
  acknowledgeAlert, countWatchRules, createWatchRule, deleteWatchRule, evaluateWatchRules, findAlertPage, findAlertsByIds, findWatchRulesByIds,
  listWatchRules, roleSeesVictims,
} from './watch.js';
export type { NewWatchRule } from './watch.js';
