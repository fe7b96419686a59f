import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../database/index.js';
import { migrate } from '../database/index.js';
import { assertNoEmbeddedDatabase, bulkImportIntoNewDatabase } from '../database/embedded/index.js';
import type { Logger } from 'pino';
import { freshImport } from '../graph/index.js';
import { endsProblem, missingEnds, missingSources, type EntityLabel, type RelationshipType } from '../model/index.js';
import { DeferredStore } from './deferredStore.js';
import { importNumberedLines, type ImportOptions, type ImportSummary, type NumberedLine } from './importer.js';
import type { Rejection } from './items.js';
import { ARRAY_DELIMITER, entityLayout, relationshipLayout, type StagedEntity, type StagedLine, type StagedRelationship } from './stagedLine.js';
import { defaultStagingWorkers, stageLines, type StagedChunk } from './stagingPool.js';
import { WaitingLines } from './waitingLines.js';

/**
 * The initial load: a first import into an embedded database that does not exist yet, through
 * Neo4j's bulk importer instead of transactions (see src/database/embedded/bulkImport.ts).
 *
 * Every line is read and checked exactly as the transactional import reads and checks it (the same
 * LineReader, the same integrity rules and the same waiting for what comes later (WaitingLines), the
 * same rejection reasons), and every node and
 * relationship gets exactly the properties and labels the transactional writes give it (the same
 * newEntityProperties / newRelationshipProperties). What the bulk importer cannot express is left
 * to the transactional import, which runs over those lines once the store is built: a repeated id
 * (a later line updates an earlier one), FollowTheMoney lines (links resolved against the graph),
 * values a CSV field cannot carry (line breaks, empty lists, the array delimiter), and anything that
 * touches one of those. So the resulting graph is the one the transactional import would give.
 *
 * Memory: one map entry per entity (its id and kind, to check relationship ends without a
 * database); everything else streams to files.
 */

/** Characters of CSV text buffered per file before a write. */
const CSV_FLUSH_CHARS = 1 << 20;

/** A CSV file being written: header first, rows buffered, writes wait for the disk. */
class CsvFile {
  private buffer: string[] = [];
  private chars = 0;
  private readonly stream: WriteStream;
  rows = 0;

  private failure: Error | undefined;

  constructor(readonly file: string, header: string) {
    this.stream = createWriteStream(file);
    // Kept for the next write (an unheard 'error' would end the process instead of the load).
    this.stream.on('error', (error) => {
      this.failure ??= error;
    });
    this.buffer.push(`${header}\n`);
  }

  /** Buffers a line; a promise only when the buffer went to the disk and the disk is behind. */
  write(line: string): Promise<void> | undefined {
    this.buffer.push(line);
    this.rows++;
    this.chars += line.length;
    return this.chars >= CSV_FLUSH_CHARS ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const text = this.buffer.join('');
    this.buffer = [];
    this.chars = 0;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}

/** What staging produced: the importer's files, the lines left to the transactional pass, and counts. */
export interface StagedLoad {
  nodes: Array<{ labels: string[]; file: string; rows: number }>;
  relationships: Array<{ type: RelationshipType; file: string; rows: number }>;
  /** Lines for the transactional pass, in file order (then those decided at the end). */
  transactional: DeferredStore<NumberedLine>;
  lines: number;
  rejected: number;
  unknownSchemata: Record<string, number>;
}

interface StageOptions extends Pick<ImportOptions, 'format' | 'ftm' | 'onReject' | 'onProgress'> {
  /** Timestamp of createdAt/updatedAt for every bulk-loaded node and relationship. */
  now?: string;
  /** Worker threads that read and encode lines (default: the cores but one; 0: this thread). */
  workers?: number;
}

/** An entity line that waits for a source, with what the settling needs of it. */
interface WaitingEntity {
  numbered: NumberedLine;
  entity: { id: string; kind: EntityLabel; cites: string[] };
}

/** What is known of an entity while staging: its kind, a Location's type, and whether it waits for the transactional pass. */
interface KnownEntity {
  kind: EntityLabel;
  locationType: string | null;
  transactional: boolean;
}

/**
 * Reads the lines once, writes the CSV files of every node and relationship the bulk importer can
 * take into `dir`, and keeps the rest for the transactional pass. Rejections are reported as the
 * transactional import reports them.
 */
export async function stageInitialLoad(lines: AsyncIterable<NumberedLine> | Iterable<NumberedLine>, dir: string, options: StageOptions = {}): Promise<StagedLoad> {
  const settings = { format: options.format ?? 'auto', ftm: options.ftm, now: options.now ?? new Date().toISOString() };
  const staged: StagedLoad = { nodes: [], relationships: [], transactional: new DeferredStore(), lines: 0, rejected: 0, unknownSchemata: {} };
  const reject = (rejection: Rejection): undefined => {
    staged.rejected++;
    options.onReject?.(rejection);
    return undefined;
  };
  const entities = new Map<string, KnownEntity>();
  // Ids of relationships already placed: a repeat updates, so it is transactional. A false positive
  // of the filter only sends a line down the slower, equally correct path.
  const relationshipIds = freshImport().relationships;
  // Lines that wait for the end of the input (a later end or source); their repeats wait too.
  const waiting = new WaitingLines<WaitingEntity, NumberedLine>((line) => line.entity);
  // Sources not placed yet that the settling of the waiting lines counts as written (see stageAll).
  let settled: ReadonlySet<string> = new Set();
  const files = new Map<string, CsvFile>();

  // The placing functions return a promise only when they must wait (a file behind, a spill to disk):
  // millions of lines pass through them, and an await per line is a measurable share of the load.
  type Waits = Promise<void> | undefined;
  const toTransactional = (numbered: NumberedLine): Waits => staged.transactional.add(numbered);
  /** `self`: a Source may cite itself (as in the transactional import, where a batch's sources count). */
  const sourcesState = (sources: readonly string[], self?: StagedEntity) => {
    const missing: string[] = [];
    let transactional = false;
    for (const source of sources) {
      if (self?.kind === 'Source' && source === self.id) continue;
      const known = entities.get(source);
      // A settled Source is placed in this pass, maybe after this line: the transactional pass checks.
      if (!known && settled.has(source)) transactional = true;
      else if (!known || known.kind !== 'Source') missing.push(source);
      else if (known.transactional) transactional = true;
    }
    return { missing, transactional };
  };
  const nodeFile = (entity: StagedEntity): CsvFile => {
    let file = files.get(entity.labels);
    if (!file) {
      const labels = entity.labels.split(':');
      file = new CsvFile(path.join(dir, `nodes-${labels.slice(1).join('-')}.csv`), entityLayout(entity.kind).header);
      files.set(entity.labels, file);
      staged.nodes.push({ labels, file: file.file, rows: 0 });
    }
    return file;
  };
  const relationshipFile = (type: RelationshipType): CsvFile => {
    let file = files.get(type);
    if (!file) {
      file = new CsvFile(path.join(dir, `relationships-${type}.csv`), relationshipLayout(type).header);
      files.set(type, file);
      staged.relationships.push({ type, file: file.file, rows: 0 });
    }
    return file;
  };

  /** Places one entity: CSV, transactional, waiting (final: false) or rejected (final: true). */
  const placeEntity = (entity: StagedEntity, numbered: NumberedLine, final: boolean): Waits => {
    // An earlier line of this id waits for a source: keep the order of the two.
    if (!final && waiting.entityWaits(entity.id)) return waiting.waitEntity(entity.id, { numbered, entity: { id: entity.id, kind: entity.kind, cites: entity.sources } });
    // A repeat updates the first (or is refused for another kind): the transactional import decides,
    // and the relationships that follow it are checked there too, against the entity as updated.
    const known = entities.get(entity.id);
    if (known) {
      known.transactional = true;
      return toTransactional(numbered);
    }
    const sources = sourcesState(entity.sources, entity);
    if (sources.missing.length > 0) {
      if (final) return reject({ line: numbered.line, id: entity.id, reason: missingSources(sources.missing) });
      return waiting.waitEntity(entity.id, { numbered, entity: { id: entity.id, kind: entity.kind, cites: entity.sources } });
    }
    const bulk = entity.csv !== null && !sources.transactional;
    entities.set(entity.id, { kind: entity.kind, locationType: entity.locationType, transactional: !bulk });
    if (!bulk) return toTransactional(numbered);
    return nodeFile(entity).write(entity.csv!);
  };

  /** Places one relationship, as placeEntity does. */
  const placeRelationship = (r: StagedRelationship, numbered: NumberedLine, final: boolean): Waits => {
    // An earlier line of this id waits for an end or a source: keep the order of the two.
    if (!final && waiting.relationshipWaits(r.id)) return waiting.waitRelationship(r.id, numbered);
    if (relationshipIds.mayHave(r.id)) return toTransactional(numbered);
    const from = entities.get(r.from);
    const to = entities.get(r.to);
    const sources = sourcesState(r.sources);
    if (!from || !to || sources.missing.length > 0) {
      if (final) return reject({ line: numbered.line, id: r.id, reason: missingEnds(r, !from, !to)?.reason ?? missingSources(sources.missing) });
      return waiting.waitRelationship(r.id, numbered);
    }
    relationshipIds.add(r.id);
    if (from.transactional || to.transactional || sources.transactional || r.csv === null) return toTransactional(numbered);
    const problem = endsProblem(r, { labels: [from.kind], locationType: from.locationType }, { labels: [to.kind], locationType: to.locationType });
    if (problem) return reject({ line: numbered.line, id: r.id, reason: problem.reason });
    return relationshipFile(r.type).write(r.csv);
  };

  const place = (numbered: NumberedLine, line: StagedLine, final: boolean): Waits => {
    switch (line.kind) {
      case 'unknownSchema':
        staged.unknownSchemata[line.schema] = (staged.unknownSchemata[line.schema] ?? 0) + 1;
        return undefined;
      case 'rejected':
        return reject(line.rejection);
      case 'ftm':
        // FollowTheMoney links are resolved against the graph: the transactional import reads the
        // line; its entities are noted so that links to them wait for it too.
        for (const [id, kind] of line.entities) {
          const known = entities.get(id);
          if (known) known.transactional = true;
          else entities.set(id, { kind, locationType: null, transactional: true });
        }
        // Its links' ids are taken: a later line of one of them updates it, after it.
        for (const id of line.relationshipIds) relationshipIds.add(id);
        return toTransactional(numbered);
      case 'native': {
        const placeItems = (from: number): Waits => {
          for (let i = from; i < line.items.length; i++) {
            const item = line.items[i]!;
            const waits = 'entity' in item ? placeEntity(item.entity, numbered, final) : placeRelationship(item.relationship, numbered, final);
            if (waits) return waits.then(() => placeItems(i + 1));
          }
          return undefined;
        };
        return placeItems(0);
      }
    }
  };

  try {
    await stageAll();
  } catch (error) {
    // Spill files of the stores live in the OS temp folder: remove them with the failed load.
    await staged.transactional.dispose();
    await waiting.dispose();
    for (const file of files.values()) await file.close().catch(() => undefined);
    throw error;
  }
  return staged;

  /** Places every line of a staged chunk, in order. */
  async function placeChunk(chunk: StagedChunk, final: boolean): Promise<void> {
    for (let i = 0; i < chunk.lines.length; i++) {
      const waits = place(chunk.lines[i]!, chunk.staged[i]!, final);
      if (waits) await waits;
    }
  }

  async function stageAll(): Promise<void> {
    const workers = options.workers ?? defaultStagingWorkers();
    for await (const chunk of stageLines(lines, settings, workers)) {
      staged.lines += chunk.lines.length;
      await placeChunk(chunk, false);
      options.onProgress?.(staged.lines);
    }
    // Everything has arrived: the waiting entities are settled as one set (as the transactional
    // import settles its own); what still misses a source is rejected, the rest placed, and then
    // any relationship still missing an end or a source is rejected.
    const settling = await waiting.settleEntities(async (ids) => new Set(ids.filter((id) => entities.get(id)?.kind === 'Source')));
    settled = settling.settled;
    async function* placeable(): AsyncGenerator<NumberedLine> {
      for await (const { item, missing } of settling.entities) {
        if (missing.length > 0) reject({ line: item.numbered.line, id: item.entity.id, reason: missingSources(missing) });
        else yield item.numbered;
      }
    }
    for await (const chunk of stageLines(placeable(), settings, 0)) await placeChunk(chunk, true);
    settled = new Set();
    for await (const chunk of stageLines(waiting.drainRelationships(), settings, 0)) await placeChunk(chunk, true);
    for (const file of files.values()) await file.close();
    const rows = new Map([...files.values()].map((file) => [file.file, file.rows]));
    for (const entry of [...staged.nodes, ...staged.relationships]) entry.rows = rows.get(entry.file) ?? 0;
    options.onProgress?.(staged.lines);
  }
}

export interface InitialLoadOptions extends Omit<ImportOptions, 'onProgress'> {
  /** Home of the embedded Neo4j; its database must not exist yet. */
  dataDir: string;
  /** Heap of the bulk importer's JVM. */
  importerHeap: string;
  /** Starts the embedded Neo4j over the new store and connects (connectDatabase). */
  openDatabase: () => Promise<{ db: Database; close: () => Promise<void> }>;
  logger: Logger;
  /** Stages of the load as they start ("reading", "bulk import", ...), for progress output. */
  onStage?: (stage: InitialLoadStage, detail?: string) => void;
  onProgress?: (linesRead: number) => void;
}

export type InitialLoadStage = 'reading' | 'bulk-import' | 'starting' | 'migrations' | 'transactional';

export interface InitialLoadSummary extends ImportSummary {
  /** Seconds per stage. */
  stages: Partial<Record<InitialLoadStage, number>>;
  /** Lines left to the transactional pass. */
  transactionalLines: number;
}

/**
 * The whole initial load: stage the files, bulk import them into a new embedded database, start it,
 * apply the migrations (constraints and indexes are built over the loaded data, and waited for), and
 * run the transactional pass over what was left to it.
 */
export async function initialLoad(lines: AsyncIterable<NumberedLine> | Iterable<NumberedLine>, options: InitialLoadOptions): Promise<InitialLoadSummary> {
  const started = performance.now();
  // Before minutes of reading, not after: the bulk import checks again.
  assertNoEmbeddedDatabase(options.dataDir);
  const stages: InitialLoadSummary['stages'] = {};
  let stageStarted = performance.now();
  let current: InitialLoadStage | undefined;
  const stage = (next: InitialLoadStage, detail?: string) => {
    if (current) stages[current] = (performance.now() - stageStarted) / 1000;
    current = next;
    stageStarted = performance.now();
    options.onStage?.(next, detail);
  };

  await mkdir(options.dataDir, { recursive: true });
  const workDir = await mkdtemp(path.join(path.resolve(options.dataDir), 'initial-load-'));
  let staged: StagedLoad | undefined;
  try {
    stage('reading');
    staged = await stageInitialLoad(lines, workDir, options);
    const bulkEntities = staged.nodes.reduce((sum, f) => sum + f.rows, 0);
    const bulkRelationships = staged.relationships.reduce((sum, f) => sum + f.rows, 0);
    stage('bulk-import', `${bulkEntities} entities, ${bulkRelationships} relationships`);
    await bulkImportIntoNewDatabase({ nodes: staged.nodes, relationships: staged.relationships, arrayDelimiter: ARRAY_DELIMITER }, { dataDir: options.dataDir, heap: options.importerHeap, workDir, logger: options.logger });
    await rm(workDir, { recursive: true, force: true });

    stage('starting');
    const { db, close } = await options.openDatabase();
    try {
      stage('migrations');
      // Builds the constraints and indexes over the loaded graph, and waits for them.
      await migrate(db, options.logger);
      const transactionalLines = staged.transactional.size;
      stage('transactional', `${transactionalLines} lines`);
      // It ends waiting for the fulltext index; migrate waited for the others.
      const rest = await importNumberedLines(db, staged.transactional.drain(), { ...options, onProgress: undefined });
      stages[current!] = (performance.now() - stageStarted) / 1000;
      const unknownSchemata = { ...staged.unknownSchemata };
      for (const [schema, count] of Object.entries(rest.unknownSchemata)) unknownSchemata[schema] = (unknownSchemata[schema] ?? 0) + count;
      return {
        lines: staged.lines,
        entities: { ...rest.entities, created: rest.entities.created + bulkEntities },
        relationships: { ...rest.relationships, created: rest.relationships.created + bulkRelationships },
        rejected: staged.rejected + rest.rejected,
        unknownSchemata,
        seconds: (performance.now() - started) / 1000,
        stages,
        transactionalLines,
      };
    } finally {
      await close();
    }
  } finally {
    await rm(workDir, { recursive: true, force: true });
    // Its spill file, if the load stopped before the transactional pass drained it.
    await staged?.transactional.dispose();
  }
}

