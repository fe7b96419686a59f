import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import express from 'express';
import { projectRoot } from '../src/config/index.js';
import { mountExplorer } from '../src/server/explorer.js';
import { ensureExplorerBuilt, launchChromium } from '../test/ui/browser.js';

/**
 * The explorer's drawing benchmark: in headless Chromium, draw a synthetic network (default 5,000
 * entities and 10,000 relationships), lay it out with ForceAtlas2 in the web worker, then pan and
 * zoom while timing every frame. Reports the figures; asserts nothing (a noisy machine would flake).
 * The target: laid out in under 5 s, and frames smooth enough to pan and zoom (p95 well under 100 ms).
 *
 *   npm run bench:explorer -- [--nodes 5000] [--edges 10000] [--rounds 3]
 *
 * Chromium here renders WebGL on the CPU (SwiftShader); a desktop GPU draws far faster.
 */
const { values } = parseArgs({
  options: { nodes: { type: 'string', default: '5000' }, edges: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '3' } },
});
const nodes = Number(values.nodes);
const edges = Number(values.edges);
const rounds = Number(values.rounds);

interface Result { nodes: number; edges: number; iterations: number; layoutMs: number; workerMs: number; frames: { count: number; p50: number; p95: number; max: number; fps: number } }

ensureExplorerBuilt();
// The pages only: the benchmark draws synthetic data, so no database is needed.
const app = express();
mountExplorer(app, '/graphql');
const server = app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchChromium();
const results: Result[] = [];
try {
  for (let round = 1; round <= rounds; round++) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${base}/explore?bench`);
    await page.waitForFunction(() => typeof (globalThis as { scamAtlasBench?: unknown }).scamAtlasBench === 'function');
    const result = await page.evaluate(
      (request) => (globalThis as unknown as { scamAtlasBench: (r: typeof request) => Promise<Result> }).scamAtlasBench(request),
      { nodes, edges },
    );
    results.push(result);
    console.log(`round ${round}: ${result.nodes} nodes, ${result.edges} links · layout ${result.layoutMs} ms (worker ${result.workerMs} ms, ${result.iterations} iterations) · frames p50 ${result.frames.p50} ms, p95 ${result.frames.p95} ms, max ${result.frames.max} ms, ${result.frames.fps} fps over ${result.frames.count}`);
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const summary = {
  measuredAt: new Date().toISOString(),
  nodes, edges, rounds,
  layoutMsMedian: median(results.map((r) => r.layoutMs)),
  frameP50Median: median(results.map((r) => r.frames.p50)),
  frameP95Median: median(results.map((r) => r.frames.p95)),
  fpsMedian: median(results.map((r) => r.frames.fps)),
  results,
};
console.log(`median of ${rounds}: layout ${summary.layoutMsMedian} ms (target < 5,000) · frame p50 ${summary.frameP50Median} ms, p95 ${summary.frameP95Median} ms · ${summary.fpsMedian} fps`);
const out = path.join(projectRoot, 'bench', 'results', `explorer-${nodes}.json`);
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
console.log(`written to ${path.relative(projectRoot, out)}`);
