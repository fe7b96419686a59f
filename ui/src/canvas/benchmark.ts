import type Sigma from 'sigma';
import type { EntityKind } from '../gql/graphql';
import { KIND_STYLE } from '../theme';
import { iterationsFor, type CanvasLayout } from './layout';
import type { CanvasGraph, EdgeAttributes, NodeAttributes } from './graphModel';
import { tuneForSize } from './GraphCanvas';

/** What `bench/explorer.ts` asks for and reads back (window.scamAtlasBench, only on /explore?bench). */
export interface CanvasBenchmarkRequest {
  nodes: number;
  edges: number;
  /** Camera moves (pans and zooms) to time, each animated over `moveMs`. */
  moves?: number;
  moveMs?: number;
}
export interface CanvasBenchmarkResult {
  nodes: number;
  edges: number;
  iterations: number;
  /** From the request to the laid-out graph drawn: worker time, transfer and the first frame. */
  layoutMs: number;
  /** The worker's own ForceAtlas2 time. */
  workerMs: number;
  /** Frame times while panning and zooming, in milliseconds. */
  frames: { count: number; p50: number; p95: number; max: number; fps: number };
}

const KINDS = Object.keys(KIND_STYLE) as EntityKind[];

/** A deterministic pseudo-random generator (mulberry32): the same graph on every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

/**
 * Draws a synthetic network (hubs and long tails, like the generated ones), lays it out in the
 * worker, then pans and zooms while timing every frame. Replaces what the canvas held.
 */
export async function benchmarkCanvas(graph: CanvasGraph, layout: CanvasLayout, sigma: Sigma<NodeAttributes, EdgeAttributes>, request: CanvasBenchmarkRequest): Promise<CanvasBenchmarkResult> {
  const rng = random(42);
  graph.clear();
  for (let i = 0; i < request.nodes; i++) {
    const kind = KINDS[i % KINDS.length]!;
    graph.addNode(`n${i}`, { label: `${KIND_STYLE[kind].label} ${i}`, kind, illustrative: true, x: rng() * 100, y: rng() * 100, size: 4, color: KIND_STYLE[kind].colour });
  }
  for (let e = 0; e < request.edges; e++) {
    // Preferential: low ids are hubs, as countries and big compounds are.
    const source = Math.floor(request.nodes * rng() ** 2);
    let target = Math.floor(request.nodes * rng());
    if (target === source) target = (target + 1) % request.nodes;
    graph.addDirectedEdgeWithKey(`e${e}`, `n${source}`, `n${target}`, { label: 'LINK', type: 'arrow', relationshipType: 'ASSOCIATED_WITH', illustrative: true, date: null, amountUsd: null, size: 1, color: '#c5ccd3' });
  }
  graph.forEachNode((node) => graph.setNodeAttribute(node, 'size', Math.min(16, 2 + Math.sqrt(graph.degree(node)))));
  tuneForSize(sigma, graph);
  await nextFrame();

  const iterations = iterationsFor(graph.order);
  const started = performance.now();
  const workerMs = await layout.run({ iterations });
  sigma.refresh();
  await nextFrame();
  const layoutMs = performance.now() - started;

  const camera = sigma.getCamera();
  camera.setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
  const moves = request.moves ?? 8;
  const moveMs = request.moveMs ?? 600;
  const frameTimes: number[] = [];
  let last = await nextFrame();
  let done = false;
  const sampling = (async () => {
    while (!done) {
      const now = await nextFrame();
      frameTimes.push(now - last);
      last = now;
    }
  })();
  for (let m = 0; m < moves; m++) {
    const zoomIn = m % 2 === 0;
    await camera.animate({ x: 0.3 + 0.4 * rng(), y: 0.3 + 0.4 * rng(), ratio: zoomIn ? 0.25 : 1.2 }, { duration: moveMs });
  }
  done = true;
  await sampling;
  const sorted = [...frameTimes].sort((a, b) => a - b);
  const total = frameTimes.reduce((sum, t) => sum + t, 0);
  return {
    nodes: graph.order,
    edges: graph.size,
    iterations,
    layoutMs: Math.round(layoutMs),
    workerMs: Math.round(workerMs),
    frames: { count: frameTimes.length, p50: round1(quantile(sorted, 0.5)), p95: round1(quantile(sorted, 0.95)), max: round1(sorted[sorted.length - 1] ?? 0), fps: round1(total > 0 ? (1000 * frameTimes.length) / total : 0) },
  };
}

const round1 = (value: number) => Math.round(value * 10) / 10;
