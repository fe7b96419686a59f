import FA2LayoutSupervisor from 'graphology-layout-forceatlas2/worker';
import { inferSettings } from 'graphology-layout-forceatlas2';
import type { CanvasGraph } from './graphModel';

/** How long the force layout runs after the canvas changes: long enough to settle a few hundred nodes. */
export const LAYOUT_RUN_MS = 2500;

/**
 * ForceAtlas2 in a web worker (graphology's supervisor), so the page stays responsive while it
 * lays out; it runs for a while after each change, then stops to spare the CPU.
 */
export class CanvasLayout {
  private supervisor: FA2LayoutSupervisor | null = null;
  private timer: number | undefined;
  constructor(private readonly graph: CanvasGraph) {}

  /** Runs the layout for `ms`, then stops; resolves when it stopped. */
  run(ms = LAYOUT_RUN_MS): Promise<void> {
    this.stop();
    if (this.graph.order < 2) return Promise.resolve();
    this.supervisor = new FA2LayoutSupervisor(this.graph, { settings: { ...inferSettings(this.graph), slowDown: 5, barnesHutOptimize: this.graph.order > 500 } });
    this.supervisor.start();
    return new Promise((resolve) => {
      this.timer = window.setTimeout(() => {
        this.stop();
        resolve();
      }, ms);
    });
  }

  isRunning(): boolean {
    return this.supervisor?.isRunning() ?? false;
  }

  stop(): void {
    window.clearTimeout(this.timer);
    this.supervisor?.kill();
    this.supervisor = null;
  }
}
