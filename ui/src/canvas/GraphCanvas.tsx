import { useEffect, useRef } from 'react';
import Sigma from 'sigma';
import { EdgeArrowProgram, type EdgeProgramType } from 'sigma/rendering';
import { EdgeCurvedArrowProgram } from '@sigma/edge-curve';
import type { CanvasGraph, EdgeAttributes, NodeAttributes } from './graphModel';
import { HIGHLIGHT_COLOUR } from '../theme';

/** What the canvas shows besides the graph: a selection, highlighted items, a time window. */
export interface CanvasView {
  selected: string | null;
  /** Nodes and edges to highlight (a path, a trail); everything else fades when non-empty. */
  highlightNodes: ReadonlySet<string>;
  highlightEdges: ReadonlySet<string>;
  /** Only relationships dated within [from, to] (YYYY-MM-DD) are drawn; undated ones always are. */
  timeWindow: { from: string; to: string } | null;
}

interface Props {
  graph: CanvasGraph;
  view: CanvasView;
  onSelect(id: string | null): void;
  onExpand(id: string): void;
  /** The renderer once made, and null once it is gone (the canvas left the page). */
  onReady?(sigma: Sigma<NodeAttributes, EdgeAttributes> | null): void;
}

const FADED = '#e3e7eb';

/** Above these sizes, what costs most per frame is left out while the camera moves, or always. */
const EDGE_LABELS_MAX_LINKS = 500;
const MOVE_LIGHTLY_ABOVE_LINKS = 2_000;

/**
 * Drawing settings by size: on a large graph, links and labels are not drawn while panning or
 * zooming (sigma's hide-on-move), and link labels only on small ones — what keeps a few thousand
 * entities smooth (bench/explorer.ts measures it).
 */
export function tuneForSize(sigma: Sigma<NodeAttributes, EdgeAttributes>, graph: CanvasGraph): void {
  sigma.setSetting('renderEdgeLabels', graph.size <= EDGE_LABELS_MAX_LINKS);
  sigma.setSetting('hideEdgesOnMove', graph.size > MOVE_LIGHTLY_ABOVE_LINKS);
  sigma.setSetting('hideLabelsOnMove', graph.size > MOVE_LIGHTLY_ABOVE_LINKS);
}

/** The WebGL canvas (sigma.js over the graphology graph): click selects, double-click expands. */
export function GraphCanvas({ graph, view, onSelect, onExpand, onReady }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma<NodeAttributes, EdgeAttributes> | null>(null);
  const viewRef = useRef(view);
  const handlers = useRef({ onSelect, onExpand });
  handlers.current = { onSelect, onExpand };

  useEffect(() => {
    if (!container.current) return;
    const sigma = new Sigma<NodeAttributes, EdgeAttributes>(graph, container.current, {
      renderEdgeLabels: true,
      defaultEdgeType: 'arrow',
      // The programs are typed for any attributes; ours are a narrower kind of the same.
      edgeProgramClasses: { arrow: EdgeArrowProgram, curved: EdgeCurvedArrowProgram } as unknown as Record<string, EdgeProgramType<NodeAttributes, EdgeAttributes>>,
      labelRenderedSizeThreshold: 6,
      zIndex: true,
      nodeReducer: (node, data) => {
        const v = viewRef.current;
        const res: Partial<NodeAttributes> & { highlighted?: boolean; zIndex?: number; forceLabel?: boolean } = { ...data };
        if (v.highlightNodes.size > 0 && !v.highlightNodes.has(node)) {
          res.color = FADED;
          res.label = '';
        } else if (v.highlightNodes.has(node)) {
          res.zIndex = 1;
          res.forceLabel = true;
        }
        if (node === v.selected) {
          res.highlighted = true;
          res.forceLabel = true;
        }
        if (data.illustrative && res.label) res.label = `${res.label} ⁱ`;
        if (data.hiddenLinks && res.label) res.label = `${res.label} (+${data.hiddenLinks.toLocaleString('en-US')})`;
        return res;
      },
      edgeReducer: (edge, data) => {
        const v = viewRef.current;
        const res: Partial<EdgeAttributes> & { hidden?: boolean; zIndex?: number } = { ...data };
        if (v.timeWindow && data.date && (data.date < v.timeWindow.from || data.date > v.timeWindow.to)) res.hidden = true;
        if (v.highlightEdges.size > 0) {
          if (v.highlightEdges.has(edge)) {
            res.color = HIGHLIGHT_COLOUR;
            res.size = Math.max(3, data.size);
            res.zIndex = 1;
          } else {
            res.color = FADED;
            res.label = '';
          }
        }
        return res;
      },
    });
    sigma.on('clickNode', ({ node }) => handlers.current.onSelect(node));
    sigma.on('clickStage', () => handlers.current.onSelect(null));
    sigma.on('doubleClickNode', (event) => {
      event.preventSigmaDefault();
      handlers.current.onExpand(event.node);
    });
    sigmaRef.current = sigma;
    onReady?.(sigma);
    return () => {
      sigma.kill();
      sigmaRef.current = null;
      onReady?.(null);
    };
    // The graph object lives as long as the page; sigma follows its changes by itself.
  }, [graph]);

  useEffect(() => {
    viewRef.current = view;
    sigmaRef.current?.refresh({ skipIndexation: true });
  }, [view]);

  return <div ref={container} className="canvas" data-testid="canvas" aria-label="Graph canvas: click a node to open its card, double-click to expand it" role="img" />;
}
