import { parentPort, workerData } from 'node:worker_threads';
import { LineReader } from './lineReader.js';
import { flattenStaged, stageLine } from './stagedLine.js';
import type { StagingSettings } from './stagingPool.js';

/**
 * A worker thread of the staging pool: stages the chunks of lines it is sent, in order. Chunks come
 * as line numbers and texts, and go back flattened (flattenStaged): cheap to clone across threads.
 */
const settings = workerData as StagingSettings;
const reader = new LineReader(settings.format, settings.ftm);
parentPort!.on('message', ({ numbers, texts }: { numbers: number[]; texts: string[] }) => {
  parentPort!.postMessage(flattenStaged(texts.map((text, i) => stageLine(reader, { line: numbers[i]!, text }, settings.now))));
});
