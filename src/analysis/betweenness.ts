import { UndirectedGraph } from 'graphology';
import betweennessModule from 'graphology-metrics/centrality/betweenness.js';

/**
 * graphology-metrics ships CommonJS with `export default` typings, which TypeScript's NodeNext
 * resolution reads as a namespace; at run time the default import is the function itself.
 */
const betweennessCentrality = betweennessModule as unknown as (graph: UndirectedGraph, options: { normalized: boolean }) => Record<string, number>;

/**
 * Betweenness centrality (Brandes, via graphology-metrics) over an undirected simple graph built
 * from the given links: how often an entity lies on shortest paths between others — a broker.
 * Normalised to 0–1 within the graph. Degree counts distinct neighbours.
 */
export function rankByBetweenness(links: ReadonlyArray<readonly [string, string]>): Map<string, { betweenness: number; degree: number }> {
  const graph = new UndirectedGraph({ multi: false, allowSelfLoops: false });
  for (const [a, b] of links) {
    if (a === b) continue;
    graph.mergeNode(a);
    graph.mergeNode(b);
    graph.mergeEdge(a, b);
  }
  const scores = graph.order > 2 ? betweennessCentrality(graph, { normalized: true }) : {};
  const ranking = new Map<string, { betweenness: number; degree: number }>();
  graph.forEachNode((node: string) => ranking.set(node, { betweenness: scores[node] ?? 0, degree: graph.degree(node) }));
  return ranking;
}
