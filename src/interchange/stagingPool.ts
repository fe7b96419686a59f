import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { NumberedLine } from './importer.js';
import type { ImportFormat } from './items.js';
import { LineReader, type FtmDataset } from './lineReader.js';
import { stageLine, unflattenStaged, type StagedLine } from './stagedLine.js';

/** Lines per message to a worker: large enough that messaging costs little per line. */
export const STAGING_CHUNK_LINES = 2_000;
/** Chunks sent ahead of the one being consumed, per worker: keeps workers busy, memory bounded. */
const CHUNKS_AHEAD_PER_WORKER = 4;

export interface StagingSettings {
  format: ImportFormat;
  ftm: FtmDataset | undefined;
  now: string;
}

/** Worker threads to use by default: the cores beyond the one reading lines and writing files. */
export function defaultStagingWorkers(): number {
  return Math.max(1, os.availableParallelism() - 1);
}

/** A chunk of non-blank lines and what staging made of each. */
export interface StagedChunk {
  lines: NumberedLine[];
  staged: StagedLine[];
}

/**
 * Stages lines (stagedLine.ts) on worker threads and hands the results back in input order, a chunk
 * at a time. Reading, validating and encoding a line is most of an initial load's Node time and
 * needs no shared state, so it runs beside the thread that keeps the books and writes the files.
 * With 0 workers it stages on the calling thread. Blank lines are skipped.
 */
export async function* stageLines(lines: AsyncIterable<NumberedLine> | Iterable<NumberedLine>, settings: StagingSettings, workers: number): AsyncGenerator<StagedChunk> {
  const reader = workers <= 0 ? new LineReader(settings.format, settings.ftm) : undefined;
  const pool = reader ? [] : Array.from({ length: workers }, () => startWorker(settings));
  // Chunks in flight, oldest first; chunk i goes to worker i mod n, so each worker's answers come in order.
  const inFlight: Array<{ lines: NumberedLine[]; staged: Promise<StagedLine[]> }> = [];
  let sent = 0;
  const send = (chunk: NumberedLine[]) => {
    const staged = reader ? Promise.resolve(chunk.map((numbered) => stageLine(reader, numbered, settings.now))) : pool[sent++ % workers]!.stage(chunk);
    // Awaited in order below; a failure of a later chunk must not count as unhandled meanwhile.
    staged.catch(() => undefined);
    inFlight.push({ lines: chunk, staged });
  };
  const ahead = Math.max(1, workers) * CHUNKS_AHEAD_PER_WORKER;
  try {
    let chunk: NumberedLine[] = [];
    // A plain iterable (lines generated in this process) is read without an await per line.
    const input = Symbol.asyncIterator in lines ? lines : (async function* () { yield* chunked(lines as Iterable<NumberedLine>); })();
    for await (const item of input as AsyncIterable<NumberedLine | NumberedLine[]>) {
      for (const numbered of Array.isArray(item) ? item : [item]) {
        if (numbered.unreadable === undefined && numbered.text.trim() === '') continue;
        chunk.push(numbered);
        if (chunk.length < STAGING_CHUNK_LINES) continue;
        send(chunk);
        chunk = [];
        while (inFlight.length >= ahead) {
          const done = inFlight.shift()!;
          yield { lines: done.lines, staged: await done.staged };
        }
      }
    }
    if (chunk.length > 0) send(chunk);
    while (inFlight.length > 0) {
      const done = inFlight.shift()!;
      yield { lines: done.lines, staged: await done.staged };
    }
  } finally {
    await Promise.all(pool.map((worker) => worker.stop()));
  }
}

function* chunked(lines: Iterable<NumberedLine>): Generator<NumberedLine[]> {
  let chunk: NumberedLine[] = [];
  for (const numbered of lines) {
    chunk.push(numbered);
    if (chunk.length >= STAGING_CHUNK_LINES) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

interface StagingWorker {
  stage(chunk: NumberedLine[]): Promise<StagedLine[]>;
  stop(): Promise<void>;
}

function startWorker(settings: StagingSettings): StagingWorker {
  const worker = newWorker(settings);
  // Answers come back in the order chunks were sent.
  const waiting: Array<{ resolve: (staged: StagedLine[]) => void; reject: (error: Error) => void }> = [];
  let failure: Error | undefined;
  worker.on('message', (flat: unknown[]) => waiting.shift()?.resolve(unflattenStaged(flat)));
  const fail = (error: Error) => {
    failure ??= error;
    for (const w of waiting.splice(0)) w.reject(error);
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`a staging worker stopped (exit ${code})`)));
  return {
    stage(chunk) {
      if (failure) return Promise.reject(failure);
      return new Promise((resolve, reject) => {
        waiting.push({ resolve, reject });
        worker.postMessage({ numbers: chunk.map((n) => n.line), texts: chunk.map((n) => n.text), unreadable: chunk.map((n) => n.unreadable ?? null) });
      });
    },
    async stop() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}

/**
 * The worker runs stagingWorker.js next to this file. From sources (tsx, vitest), Node cannot load
 * TypeScript in a worker by itself: the worker then registers tsx first.
 */
function newWorker(settings: StagingSettings): Worker {
  const here = fileURLToPath(import.meta.url);
  const extension = path.extname(here);
  const url = new URL(`./stagingWorker${extension}`, import.meta.url);
  if (extension === '.js') return new Worker(url, { workerData: settings });
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: settings });
}
