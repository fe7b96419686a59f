import type { Logger } from 'pino';
import type { AuditTrail } from '../audit/index.js';
import type { Database } from '../database/index.js';
import type { Loaders } from '../loaders/index.js';

import type { Role, Viewer } from '../model/index.js';

export type { Role, Viewer };

/**
 * Everything a resolver may use, built fresh for each request by the server: the viewer (so a role
 * is always at hand), the request's own DataLoaders, a database view that counts round trips, and a
 * logger that stamps the request id on every line. Its own room, above the server that builds it
 * and the resolvers that read it.
 */
/** GitHub-style cost report: what the operation was estimated to cost, the limit, and the client's budget. */
export interface RequestCost {
  requested: number;
  limit: number;
  /** Points left of the client's per-minute budget after this request; absent when rate limiting is off. */
  remaining?: number;
  pointsPerMinute?: number;
}

export interface RequestContext {
  requestId: string;
  viewer: Viewer;
  logger: Logger;
  db: Database;
  loaders: Loaders;
  /**
   * Whether root fields may read their selection ahead (look-ahead, projections). Off, every field
   * takes the plain reference path: the loaders, whole entities, no cross-field cache. The
   * differential fuzzer compares the two; LOOKAHEAD=false runs a server on the reference path.
   */
  lookAhead: boolean;
  /** Mutations write in one statement behind their checks; false takes the stepwise reference path (ONE_STATEMENT_WRITES, src/graph/writes.ts). */
  oneStatementWrites: boolean;
  /** A request's consecutive mutations that decide alone are written as one statement; false writes each on its own (MUTATIONS_TOGETHER, src/resolvers/mutationsTogether.ts). */
  mutationsTogether: boolean;
  /** When the request's time is up (epoch ms): its database view and its worker threads stop there. */
  deadlineAt: number;
  /** What the request was estimated to cost before it ran, and the client's budget left; reported in `extensions.cost`. */
  cost: RequestCost | undefined;
  /**
   * What this request did that the audit log must record (protected reads, refusals), written by the
   * audit plugin before the response leaves; mutations append their own event in their transaction.
   */
  audit: AuditTrail;
  /** Cypher round trips made so far for this request. */
  stats: { cypherRoundTrips: number };
}
