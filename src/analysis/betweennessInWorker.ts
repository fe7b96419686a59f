import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { BETWEENNESS_IN_WORKER_FROM_LINKS } from '../config/index.js';
import { DeadlineExceededError } from '../util/deadline.js';
import { rankByBetweenness } from './betweenness.js';

type Ranking = Map<string, { betweenness: number; degree: number }>;

/**
 * rankByBetweenness off the event loop: Brandes is O(nodes × links) of plain JavaScript — minutes on
 * a 20,000-link sample — so above BETWEENNESS_IN_WORKER_FROM_LINKS links it runs in a worker thread
 * while the server keeps answering, and the worker is terminated when the request's deadline passes
 * (DeadlineExceededError: the client gets TIMEOUT). Small graphs (a neighbourhood) rank in place:
 * starting a thread would cost more than the ranking.
 */
export async function rankByBetweennessBefore(links: ReadonlyArray<readonly [string, string]>, deadlineAt: number): Promise<Ranking> {
  if (links.length < BETWEENNESS_IN_WORKER_FROM_LINKS) return rankByBetweenness(links);
  const left = deadlineAt - Date.now();
  if (left <= 0) throw new DeadlineExceededError(undefined, 'brokers');
  const worker = newWorker();
  try {
    return await new Promise<Ranking>((resolve, reject) => {
      const timer = setTimeout(() => reject(new DeadlineExceededError(undefined, 'brokers')), left);
      const settle = () => clearTimeout(timer);
      worker.once('message', ({ ids, scores }: { ids: string[]; scores: number[] }) => {
        settle();
        const ranking: Ranking = new Map();
        ids.forEach((id, i) => ranking.set(id, { betweenness: scores[2 * i]!, degree: scores[2 * i + 1]! }));
        resolve(ranking);
      });
      worker.once('error', (error) => {
        settle();
        reject(error);
      });
      worker.once('exit', (code) => {
        settle();
        reject(new Error(`the betweenness worker stopped (exit ${code})`));
      });
      worker.postMessage(links);
    });
  } finally {
    worker.removeAllListeners();
    await worker.terminate();
  }
}

/** As stagingPool.ts: from sources (tsx, vitest) the worker registers tsx before loading the TypeScript module. */
function newWorker(): Worker {
  const here = fileURLToPath(import.meta.url);
  const extension = path.extname(here);
  const url = new URL(`./betweennessWorker${extension}`, import.meta.url);
  if (extension === '.js') return new Worker(url);
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(bootstrap, { eval: true });
}
