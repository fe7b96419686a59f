import { parentPort, workerData } from 'node:worker_threads';
import { LineReader } from './lineReader.js';
import { flattenStaged, stageLine } from './stagedLine.js';
import type { StagingSettings } from './stagingPool.js';

/**
 * A worker thread of the staging pool: stages the chunks of lines it is sent, in order. Chunks come
 * as line numbers, texts and why a line is unreadable (if it is), and go back flattened (flattenStaged): cheap to clone across threads.
 */
const settings = workerData as StagingSettings;
const reader = new LineReader(settings.format, settings.ftm);
parentPort!.on('message', ({ numbers, texts, unreadable }: { numbers: number[]; texts: string[]; unreadable: Array<string | null> }) => {
  parentPort!.postMessage(flattenStaged(texts.map((text, i) => stageLine(reader, { line: numbers[i]!, text, unreadable: unreadable[i] ?? undefined }, settings.now))));
});
