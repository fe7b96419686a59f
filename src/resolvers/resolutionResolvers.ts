import { auditedWrite } from '../audit/index.js';
import { DEFAULT_DUPLICATE_MIN_SCORE, MERGE_REASON_MAX_LENGTH } from '../config/index.js';
import type { EntityKind, Resolvers } from '../generated/graphql.js';
import {
  AFTER_BLOCK, encodeCursor, findDuplicateCandidates, listMerges, mergeEntities, unmergeEntities, type MergeActor,
} from '../graph/index.js';
import type { EntityLabel } from '../model/index.js';
import type { RequestContext } from '../context/index.js';
import { InputError } from '../validation/index.js';
import { KIND_OF_LABEL } from './entityResolvers.js';
import { afterCursor, pageInfo, pageSize } from './pagination.js';

/** Candidate cursors carry the block's key and the pair (`aId NUL bId`); merge cursors the time and id. */
const CANDIDATES_CURSOR_SCOPE = 'duplicateCandidates';
const MERGES_CURSOR_SCOPE = 'merges';

const LABEL_OF_KIND = Object.fromEntries(Object.entries(KIND_OF_LABEL).map(([label, kind]) => [kind, label])) as Record<EntityKind, EntityLabel>;

/** A reason as given: not blank, at most MERGE_REASON_MAX_LENGTH characters. */
function checkedReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '') throw new InputError('reason', 'is blank: say why (the evidence that these are one entity, or why the merge is undone)');
  if (trimmed.length > MERGE_REASON_MAX_LENGTH) throw new InputError('reason', `is ${trimmed.length} characters long; at most ${MERGE_REASON_MAX_LENGTH}`);
  return trimmed;
}

function actorOf(context: RequestContext, reason: string): MergeActor {
  return { by: context.viewer.subject ?? 'anonymous', role: context.viewer.role, reason: checkedReason(reason), now: new Date().toISOString() };
}

export const resolutionResolvers: Resolvers = {
  Query: {
    duplicateCandidates: async (_parent, { kind, first, after, minScore }, { db, loaders }) => {
      const size = pageSize(first);
      const min = minScore ?? DEFAULT_DUPLICATE_MIN_SCORE;
      if (!Number.isFinite(min) || min < 0 || min > 1) throw new InputError('minScore', `must be from 0 to 1 (got ${min})`);
      const cursor = afterCursor(after, `${CANDIDATES_CURSOR_SCOPE}:${kind}`);
      if (cursor && typeof cursor.value !== 'string') throw new InputError('after', 'is not a cursor of duplicateCandidates: pass the endCursor of a previous page unchanged');
      const page = await findDuplicateCandidates(db, LABEL_OF_KIND[kind], size, cursor ? { block: String(cursor.value), pairKey: cursor.id } : undefined, min, loaders.visibility);
      loaders.rememberEntities(page.pairs.flatMap((pair) => [pair.a, pair.b]));
      const edges = page.pairs.map((pair) => ({ cursor: encodeCursor(pair.block, pair.pairKey, `${CANDIDATES_CURSOR_SCOPE}:${kind}`), node: pair }));
      const info = pageInfo(edges, page.hasNextPage);
      // A page cut short by the scan budget goes on from where the scan stopped, after its last pair.
      if (page.hasNextPage && page.end) info.endCursor = encodeCursor(page.end.block, page.end.pairKey === AFTER_BLOCK ? AFTER_BLOCK : page.end.pairKey, `${CANDIDATES_CURSOR_SCOPE}:${kind}`);
      return { edges, pageInfo: info, skippedBlocks: page.skippedBlocks };
    },
    merges: async (_parent, { entity, first, after }, { db, loaders }) => {
      const size = pageSize(first);
      const cursor = afterCursor(after, MERGES_CURSOR_SCOPE);
      if (cursor && typeof cursor.value !== 'string') throw new InputError('after', 'is not a cursor of merges: pass the endCursor of a previous page unchanged');
      const page = await listMerges(db, entity ?? undefined, size, cursor ? { at: String(cursor.value), id: cursor.id } : undefined, loaders.visibility);
      const edges = page.merges.map((merge) => ({ cursor: encodeCursor(merge.at, merge.id, MERGES_CURSOR_SCOPE), node: merge }));
      return { edges, pageInfo: pageInfo(edges, page.hasNextPage) };
    },
  },
  Mutation: {
    mergeEntities: async (_parent, { survivor, merged, reason }, context) => {
      const actor = actorOf(context, reason);
      const merge = await auditedWrite(context, 'mergeEntities', { survivor, merged, reason }, (tx) => mergeEntities(tx, survivor, merged, actor), (m) => [m.survivorId, m.mergedId, m.id]);
      context.loaders.entityById.clear(survivor).clear(merged);
      return merge;
    },
    unmergeEntities: async (_parent, { mergeId, reason }, context) => {
      const actor = actorOf(context, reason);
      const merge = await auditedWrite(context, 'unmergeEntities', { mergeId, reason }, (tx) => unmergeEntities(tx, mergeId, actor), (m) => [m.survivorId, m.mergedId, m.id]);
      context.loaders.entityById.clear(merge.survivorId).clear(merge.mergedId);
      return merge;
    },
  },
  DuplicateCandidate: {
    a: (pair) => pair.a,
    b: (pair) => pair.b,
  },
  Merge: {
    kind: (merge) => KIND_OF_LABEL[merge.label],
    survivor: (merge, _args, { loaders }) => loaders.entityById.load(merge.resolvedTo),
  },
};
