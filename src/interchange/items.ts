import type { BulkEntity, BulkRelationship } from '../graph/index.js';

/** What one line of an import turns into: entities and relationships, each written whole or not at all. */
export type ImportItem = { entity: BulkEntity } | { relationship: BulkRelationship };

/** A line that could not be read or validated, or an item the graph refused. */
export interface Rejection {
  line: number;
  id: string | undefined;
  reason: string;
}

/** Import formats: our own records, FollowTheMoney entities, or decided per line. */
export const IMPORT_FORMATS = ['auto', 'native', 'ftm'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The reason text of an error thrown while reading a line. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
