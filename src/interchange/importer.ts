import type { Database } from '../database/index.js';
import { awaitSearchIndex, evaluateWatchRules, findSourceIds, freshImport, graphHasNoData, linkRelationshipBatch, upsertEntityBatch, type BulkEntity, type BulkOutcome, type BulkRelationship, type FreshImport } from '../graph/index.js';
import { citedSources, missingSources } from '../model/index.js';
import type { ImportFormat, Rejection } from './items.js';
import { LineReader, type FtmDataset } from './lineReader.js';
import { WaitingLines } from './waitingLines.js';
import { publishRaisedAlerts } from '../watch/index.js';

/**
 * Items per write transaction: large enough to amortise round trips and commits (10,000 loaded a
 * 100k-entity network as fast as 20,000 and much faster than 5,000), small enough for a modest heap
 * and to keep each transaction well inside the query timeout.
 */
export const IMPORT_BATCH_SIZE = 10_000;
/** A line of an import with its number in the file (1-based, blank lines counted). */
export interface NumberedLine {
  line: number;
  text: string;
  /** Why the line's bytes could not be read as text (see fileLines): the line is refused with this reason. */
  unreadable?: string | undefined;
}

export interface ImportOptions {
  format?: ImportFormat;
  batchSize?: number;
  /** Required when the stream may hold FollowTheMoney entities. */
  ftm?: FtmDataset;
  /** Called after each written batch and at the end, with the lines read so far. */
  onProgress?: (linesRead: number) => void;
  /** Called for every rejected line or item, as soon as it is known. */
  onReject?: (rejection: Rejection) => void;
}

export interface WriteCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportSummary {
  /** Non-blank lines read. */
  lines: number;
  entities: WriteCounts;
  relationships: WriteCounts;
  rejected: number;
  /** FollowTheMoney schemata not imported, with how many lines had each. */
  unknownSchemata: Record<string, number>;
  seconds: number;
}

/**
 * Streams line-delimited JSON (our own records and/or FollowTheMoney entities) into the graph in
 * batches, one write transaction each. Bad lines are rejected with their line number and the rest
 * load; an item naming an entity or source that has not arrived yet waits for the whole stream
 * (WaitingLines), so the outcome is the same whatever the batch size. At most one batch is written while the next is read, so memory stays
 * bounded; deferred items spill to disk beyond a limit.
 */
export async function importLines(db: Database, lines: AsyncIterable<string>, options: ImportOptions = {}): Promise<ImportSummary> {
  return importNumberedLines(db, numbered(lines), options);
}

async function* numbered(lines: AsyncIterable<string>): AsyncGenerator<NumberedLine> {
  let line = 0;
  for await (const text of lines) yield { line: ++line, text };
}

/** importLines over lines that carry their own numbers (the rest of an initial load: see initialLoad.ts). */
export async function importNumberedLines(db: Database, lines: AsyncIterable<NumberedLine>, options: ImportOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
  const format = options.format ?? 'auto';
  const summary: ImportSummary = {
    lines: 0, entities: { created: 0, updated: 0, unchanged: 0 }, relationships: { created: 0, updated: 0, unchanged: 0 }, rejected: 0, unknownSchemata: {}, seconds: 0,
  };
  const reject = (rejection: Rejection) => {
    summary.rejected++;
    options.onReject?.(rejection);
  };
  // Into an empty graph, ids this import never wrote need no existence lookup.
  const fresh: FreshImport | undefined = (await graphHasNoData(db)) ? freshImport() : undefined;
  const waiting = new WaitingLines<BulkEntity, BulkRelationship>((item) => ({ id: item.entity.id, kind: item.entity.label, cites: citedSources(item.entity.provenance) }));

  let entities: BulkEntity[] = [];
  let relationships: BulkRelationship[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  let failure: unknown;
  const reader = new LineReader(format, options.ftm);

  const count = (counts: WriteCounts, outcome: BulkOutcome<unknown>) => {
    counts.created += outcome.created;
    counts.updated += outcome.updated;
    counts.unchanged += outcome.unchanged;
    for (const rejection of outcome.rejected) reject(rejection);
  };
  const writeEntities = async (batch: BulkEntity[], final: boolean, settled?: ReadonlySet<string>) => {
    const outcome = await db.writeTransaction((tx) => upsertEntityBatch(tx, batch, new Date().toISOString(), final, fresh, settled));
    count(summary.entities, outcome);
    for (const item of outcome.deferred) await waiting.waitEntity(item.entity.id, item);
  };
  const writeRelationships = async (batch: BulkRelationship[], final: boolean) => {
    // The watch rules are evaluated in the batch's own transaction: its alerts commit with it (src/graph/watch.ts).
    const { outcome, raised } = await db.writeTransaction(async (tx) => {
      const linked = await linkRelationshipBatch(tx, batch, new Date().toISOString(), final, fresh);
      return { outcome: linked, raised: await evaluateWatchRules(tx, linked.written ?? []) };
    });
    publishRaisedAlerts(raised);
    count(summary.relationships, outcome);
    for (const item of outcome.deferred) await waiting.waitRelationship(item.relationship.id, item);
  };
  /** Waits for the batch being written, then starts writing the pending ones (entities first). */
  const flush = async (withRelationships: boolean) => {
    await inFlight;
    if (failure) throw failure;
    const entityBatch: BulkEntity[] = [];
    for (const item of entities) {
      if (waiting.entityWaits(item.entity.id)) await waiting.waitEntity(item.entity.id, item);
      else entityBatch.push(item);
    }
    const relationshipBatch: BulkRelationship[] = [];
    if (withRelationships) {
      for (const item of relationships) {
        if (waiting.relationshipWaits(item.relationship.id)) await waiting.waitRelationship(item.relationship.id, item);
        else relationshipBatch.push(item);
      }
    }
    entities = [];
    if (withRelationships) relationships = [];
    const linesRead = summary.lines;
    inFlight = (async () => {
      if (entityBatch.length > 0) await writeEntities(entityBatch, false);
      if (relationshipBatch.length > 0) await writeRelationships(relationshipBatch, false);
      options.onProgress?.(linesRead);
    })().catch((error: unknown) => {
      failure = error;
    });
  };

  try {
    for await (const { line, text, unreadable } of lines) {
      if (unreadable === undefined && text.trim() === '') continue;
      summary.lines++;
      const reading = reader.read(text, line, unreadable);
      if (reading.kind === 'unknownSchema') {
        summary.unknownSchemata[reading.schema] = (summary.unknownSchemata[reading.schema] ?? 0) + 1;
        continue;
      }
      if (reading.kind === 'rejected') {
        reject(reading.rejection);
        continue;
      }
      for (const item of reading.items) {
        if ('entity' in item) entities.push(item.entity);
        else relationships.push(item.relationship);
      }
      if (relationships.length >= batchSize) await flush(true);
      else if (entities.length >= batchSize) await flush(false);
    }
    await flush(true);
    await inFlight;
    if (failure) throw failure;

    // Everything has arrived: the waiting entities are settled as one set, then what still misses an
    // end or a source is rejected.
    const { settled, entities: settling } = await waiting.settleEntities((ids) => findSourceIds(db, ids, batchSize));
    let entityBatch: BulkEntity[] = [];
    for await (const { item, missing } of settling) {
      if (missing.length > 0) {
        reject({ line: item.line, id: item.entity.id, reason: missingSources(missing) });
        continue;
      }
      entityBatch.push(item);
      if (entityBatch.length >= batchSize) {
        await writeEntities(entityBatch, true, settled);
        entityBatch = [];
      }
    }
    if (entityBatch.length > 0) await writeEntities(entityBatch, true, settled);
    let relationshipBatch: BulkRelationship[] = [];
    for await (const item of waiting.drainRelationships()) {
      relationshipBatch.push(item);
      if (relationshipBatch.length >= batchSize) {
        await writeRelationships(relationshipBatch, true);
        relationshipBatch = [];
      }
    }
    if (relationshipBatch.length > 0) await writeRelationships(relationshipBatch, true);
    await awaitSearchIndex(db);
    options.onProgress?.(summary.lines);
  } finally {
    await inFlight;
    await waiting.dispose();
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
