import type { CanvasGraph } from './graphModel';
import type { LayoutRequest, LayoutResponse } from './layoutProtocol';

/**
 * Iterations per layout: enough for a few hundred nodes to settle; a large graph gets fewer per
 * node so that a layout stays within a few seconds (the benchmark, bench/explorer.ts, measures it).
 */
export function iterationsFor(order: number): number {
  if (order <= 200) return 300;
  if (order <= 2_000) return 150;
  return 100;
}

/**
 * ForceAtlas2 in a web worker: the page stays responsive while it lays out. A newer request
 * supersedes one in flight (its answer is dropped).
 */
export class CanvasLayout {
  private worker: Worker | null = null;
  private latest = 0;

  constructor(private readonly graph: CanvasGraph) {}

  private ensureWorker(): Worker {
    this.worker ??= new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    return this.worker;
  }

  /** Lays the graph out (nodes in `fixed` stay put); resolves with the worker's time once applied. */
  run(options: { iterations?: number; fixed?: readonly string[] } = {}): Promise<number> {
    if (this.graph.order < 2) return Promise.resolve(0);
    const id = ++this.latest;
    const request: LayoutRequest = {
      id,
      nodes: this.graph.mapNodes((key, a) => [key, a.x, a.y, a.size]),
      edges: this.graph.mapEdges((_key, _a, source, target) => [source, target]),
      iterations: options.iterations ?? iterationsFor(this.graph.order),
      fixed: [...(options.fixed ?? [])],
    };
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      const onMessage = (event: MessageEvent<LayoutResponse>) => {
        if (event.data.id !== id) return;
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        if (id !== this.latest) return resolve(event.data.elapsedMs);
        for (const [key, x, y] of event.data.positions) if (this.graph.hasNode(key)) this.graph.mergeNodeAttributes(key, { x, y });
        resolve(event.data.elapsedMs);
      };
      const onError = (event: ErrorEvent) => {
        worker.removeEventListener('message', onMessage);
        worker.removeEventListener('error', onError);
        reject(new Error(`layout worker: ${event.message}`));
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
      worker.postMessage(request);
    });
  }

  stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
