import type { Logger } from 'pino';
import type { Database } from '../database/index.js';
import type { Loaders } from '../loaders/index.js';

/** Roles, in increasing power. Until authentication lands every request is an anonymous viewer. */
export type Role = 'viewer' | 'analyst' | 'investigator' | 'editor' | 'admin';

export interface Viewer {
  role: Role;
  /** Subject of the verified token; undefined for anonymous requests. */
  subject: string | undefined;
}

/**
 * Everything a resolver may use, built fresh for each request: the viewer (so a role is always at
 * hand), the request's own DataLoaders, a database view that counts round trips, and a logger that
 * stamps the request id on every line.
 */
export interface RequestContext {
  requestId: string;
  viewer: Viewer;
  logger: Logger;
  db: Database;
  loaders: Loaders;
  /** Cypher round trips made so far for this request. */
  stats: { cypherRoundTrips: number };
}
