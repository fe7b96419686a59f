import { findAuditEvents } from '../audit/index.js';
import { forbidden } from '../errors/index.js';
import type { Resolvers } from '../generated/graphql.js';
import { encodeCursor } from '../graph/index.js';
import { roleAtLeast } from '../policy/index.js';
import { InputError } from '../validation/index.js';
import { afterCursor, pageInfo, pageSize } from './pagination.js';
import { timeWindow } from './timeWindow.js';

/** The one role that may read the audit log. */
const AUDIT_READER = 'admin';
/** Audit cursors carry the sequence number, newest first (CursorScope). */
const AUDIT_CURSOR_SCOPE = 'auditEvents';

export const auditResolvers: Resolvers = {
  Query: {
    auditEvents: async (_parent, { subject, entityId, since, until, first, after }, { viewer, db }) => {
      if (!roleAtLeast(viewer.role, AUDIT_READER)) throw forbidden('Only admins may read the audit log.');
      const size = pageSize(first);
      const window = timeWindow(since, until);
      const cursor = afterCursor(after, AUDIT_CURSOR_SCOPE);
      if (cursor && (typeof cursor.value !== 'number' || !Number.isInteger(cursor.value))) {
        throw new InputError('after', 'is not a cursor of auditEvents: pass the endCursor of a previous page unchanged');
      }
      const page = await findAuditEvents(
        db,
        { subject, entityId, ...window },
        size,
        cursor ? Number(cursor.value) : undefined,
      );
      const edges = page.events.map((event) => ({ cursor: encodeCursor(event.seq, String(event.seq), AUDIT_CURSOR_SCOPE), node: event }));
      return { edges, pageInfo: pageInfo(edges, page.hasNextPage), totalCount: page.totalCount };
    },
  },
};
