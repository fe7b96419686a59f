import { parentPort } from 'node:worker_threads';
import { rankByBetweenness } from './betweenness.js';

/**
 * A worker thread that ranks one graph (betweennessInWorker.ts): links in, [id, betweenness, degree]
 * triples out, flattened so that they cross threads cheaply.
 */
parentPort!.once('message', (links: Array<[string, string]>) => {
  const ids: string[] = [];
  const scores: number[] = [];
  for (const [id, { betweenness, degree }] of rankByBetweenness(links)) {
    ids.push(id);
    scores.push(betweenness, degree);
  }
  parentPort!.postMessage({ ids, scores });
});
