/// <reference lib="webworker" />
import Graph from 'graphology';
import forceAtlas2, { inferSettings } from 'graphology-layout-forceatlas2';
import type { LayoutRequest, LayoutResponse } from './layoutProtocol';

/**
 * ForceAtlas2 off the main thread: the page sends the drawn graph's positions and links, the worker
 * runs a fixed number of iterations and sends the new positions back. A module worker bundled as a
 * file of its own (no blob: URL, so the page's policy stays 'self').
 */
self.onmessage = (event: MessageEvent<LayoutRequest>) => {
  const { id, nodes, edges, iterations, fixed } = event.data;
  const started = performance.now();
  const graph = new Graph({ multi: true, type: 'directed' });
  for (const [key, x, y, size] of nodes) graph.addNode(key, { x, y, size, fixed: fixed.includes(key) });
  for (const [source, target] of edges) if (graph.hasNode(source) && graph.hasNode(target)) graph.addEdge(source, target);
  forceAtlas2.assign(graph, { iterations, settings: { ...inferSettings(graph), barnesHutOptimize: graph.order > 300, adjustSizes: false } });
  const positions: LayoutResponse['positions'] = [];
  graph.forEachNode((key, a) => positions.push([key, a['x'] as number, a['y'] as number]));
  const response: LayoutResponse = { id, positions, elapsedMs: performance.now() - started };
  self.postMessage(response);
};
