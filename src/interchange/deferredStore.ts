import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';

/** Items kept in memory before the rest spill to a temporary file. */
export const DEFERRED_IN_MEMORY_LIMIT = 50_000;

/**
 * A first-in, first-out list of items waiting for the end of an import (a relationship whose end
 * comes later in the stream). The first items stay in memory; beyond the limit they spill to a
 * temporary JSONL file, so memory stays bounded however many are deferred.
 */
export class DeferredStore<T> {
  private readonly memory: T[] = [];
  private file: { dir: string; path: string; stream: WriteStream } | undefined;
  private spilled = 0;

  constructor(private readonly limit = DEFERRED_IN_MEMORY_LIMIT) {}

  get size(): number {
    return this.memory.length + this.spilled;
  }

  async add(item: T): Promise<void> {
    if (this.memory.length < this.limit) {
      this.memory.push(item);
      return;
    }
    if (!this.file) {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'scam-atlas-import-'));
      const file = path.join(dir, 'deferred.jsonl');
      this.file = { dir, path: file, stream: createWriteStream(file) };
    }
    this.spilled++;
    if (!this.file.stream.write(`${JSON.stringify(item)}\n`)) await once(this.file.stream, 'drain');
  }

  /** Every item, in the order added, then empties the store. */
  async *drain(): AsyncGenerator<T> {
    const memory = this.memory.splice(0);
    yield* memory;
    if (this.file) {
      const { dir, path: file, stream } = this.file;
      this.file = undefined;
      this.spilled = 0;
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
      try {
        for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
          if (line !== '') yield JSON.parse(line) as T;
        }
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }
  }

  /** Forgets everything and removes the spill file (after a failed import). */
  async dispose(): Promise<void> {
    this.memory.length = 0;
    if (this.file) {
      const { dir, stream } = this.file;
      this.file = undefined;
      this.spilled = 0;
      await new Promise<void>((resolve) => stream.end(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    }
  }
}
