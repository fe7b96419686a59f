import type { Resolvers } from '../generated/graphql.js';
import { encodeCursor, findTimeline } from '../graph/index.js';
import { InputError } from '../validation/index.js';
import { withLens } from '../policy/index.js';
import { afterCursor, pageInfo, pageSize } from './pagination.js';
import { timeLensOf } from './timeLens.js';

/** Timeline cursors carry the event's date and its relationship's id. */
const TIMELINE_CURSOR_SCOPE = 'timeline';

export const timelineResolvers: Resolvers = {
  Query: {
    timeline: async (_parent, { id, first, after, ...lensArgs }, { db, loaders }) => {
      const size = pageSize(first);
      const cursor = afterCursor(after, TIMELINE_CURSOR_SCOPE);
      if (cursor && typeof cursor.value !== 'string') throw new InputError('after', 'is not a cursor of timeline: pass the endCursor of a previous page unchanged');
      const page = await findTimeline(db, id, size, cursor ? { at: String(cursor.value), id: cursor.id } : undefined, withLens(loaders.visibility, timeLensOf(lensArgs)));
      if (!page) return null;
      loaders.rememberEntities(page.events.map((event) => event.other));
      const edges = page.events.map((event) => ({
        cursor: encodeCursor(event.at, event.relationship.id, TIMELINE_CURSOR_SCOPE),
        at: event.at, direction: event.direction, node: event.relationship, other: event.other,
      }));
      return { edges, pageInfo: pageInfo(edges, page.hasNextPage) };
    },
  },
};
