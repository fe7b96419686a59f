import type { Database } from '../../src/database/index.js';
import { importLines, type ImportOptions, type ImportSummary, type Rejection } from '../../src/interchange/index.js';

/** Imports JSON values (or raw text lines) as if they were lines of a file; returns the summary and the rejections. */
export async function importValues(db: Database, values: Array<unknown>, options: ImportOptions = {}): Promise<ImportSummary & { rejections: Rejection[] }> {
  const rejections: Rejection[] = [];
  async function* lines() {
    for (const value of values) yield typeof value === 'string' ? value : JSON.stringify(value);
  }
  const summary = await importLines(db, lines(), {
    ftm: { sourceId: 'source:ftm-test', sourceName: 'FtM test dataset', reliability: 'F', credibility: 6 },
    ...options,
    onReject: (r) => rejections.push(r),
  });
  return { ...summary, rejections };
}

/** Removes every relationship whose id starts with the prefix (ends may belong to other tests). */
export async function removeRelationshipsByPrefix(db: Database, prefix: string): Promise<void> {
  await db.write('MATCH ()-[r]->() WHERE r.id STARTS WITH $prefix DELETE r', { prefix });
}
