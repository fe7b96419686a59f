export {
  INLINE_RELATIONSHIP_FIELDS, RELATIONSHIP_CURSOR_SCOPE, inlinePageArgs, pageRequest, relationshipPageArgs, relationshipsFieldRequest,
  type PageRequest, type RelationshipsFieldArgs,
} from './pageRequest.js';
export { planForEntities, planForEntityList, moneyTrailReads, pathReads, transferListReads } from './plan.js';
export { mapMaybe, readsPageInfo, relationshipPageOf } from './fetchedPages.js';
