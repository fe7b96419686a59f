import { useEffect, useRef } from 'react';
import Sigma from 'sigma';
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
  onReady?(sigma: Sigma<NodeAttributes, EdgeAttributes>): void;
}

const FADED = '#e3e7eb';

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
        if (data.illustrative) res.label = `${data.label} ⁱ`;
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
    };
    // The graph object lives as long as the page; sigma follows its changes by itself.
  }, [graph]);

  useEffect(() => {
    viewRef.current = view;
    sigmaRef.current?.refresh({ skipIndexation: true });
  }, [view]);

  return <div ref={container} className="canvas" data-testid="canvas" aria-label="Graph canvas: click a node to open its card, double-click to expand it" role="img" />;
}
