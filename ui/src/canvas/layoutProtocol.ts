/** Messages between the page and the layout worker (layout.worker.ts). */
export interface LayoutRequest {
  id: number;
  /** [key, x, y, size] */
  nodes: Array<[string, number, number, number]>;
  /** [source, target] */
  edges: Array<[string, string]>;
  iterations: number;
  /** Nodes that keep their place (ForceAtlas2's `fixed`). */
  fixed: string[];
}

export interface LayoutResponse {
  id: number;
  positions: Array<[string, number, number]>;
  /** Time the worker spent laying out. */
  elapsedMs: number;
}
