import Graph from 'graphology';
import { DEFAULT_EDGE_CURVATURE, indexParallelEdgesIndex } from '@sigma/edge-curve';
import type { EntityKind, EntitySummaryFragment, RelationshipSummaryFragment } from '../gql/graphql';
import { EDGE_COLOUR, KIND_STYLE } from '../theme';

/** Node and edge attributes on the canvas's graphology graph. */
export interface NodeAttributes {
  label: string;
  kind: EntityKind;
  illustrative: boolean;
  x: number;
  y: number;
  size: number;
  color: string;
  /** Incident relationships not drawn because a hub was collapsed. */
  hiddenLinks?: number;
}
export interface EdgeAttributes {
  label: string;
  /** 'curved' for parallel links (several transfers between two accounts), so each stays visible. */
  type: 'arrow' | 'curved';
  curvature?: number;
  relationshipType: string;
  illustrative: boolean;
  /** Date of the relationship (YYYY-MM-DD), when it has one: the timeline filters on it. */
  date: string | null;
  amountUsd: number | null;
  size: number;
  color: string;
}
export type CanvasGraph = Graph<NodeAttributes, EdgeAttributes>;

export function createCanvasGraph(): CanvasGraph {
  return new Graph<NodeAttributes, EdgeAttributes>({ multi: true, type: 'directed' });
}

/** The date a relationship is placed at on the timeline. */
export function dateOf(relationship: RelationshipSummaryFragment): string | null {
  const r = relationship as Record<string, unknown>;
  for (const key of ['date', 'at', 'heldFrom', 'since', 'startDate']) {
    const value = r[key];
    if (typeof value === 'string' && value !== '') return value.slice(0, 10);
  }
  return null;
}

/** Adds entities next to `near` (or around the centre) without moving what is already drawn. */
export function addEntities(graph: CanvasGraph, entities: readonly EntitySummaryFragment[], near?: string): string[] {
  const added: string[] = [];
  const origin = near && graph.hasNode(near) ? graph.getNodeAttributes(near) : { x: 0, y: 0 };
  entities.forEach((entity, index) => {
    if (graph.hasNode(entity.id)) return;
    const angle = (2 * Math.PI * index) / Math.max(entities.length, 1) + Math.random() * 0.3;
    graph.addNode(entity.id, {
      label: entity.name,
      kind: entity.kind,
      illustrative: entity.illustrative,
      x: origin.x + Math.cos(angle) * (1 + Math.random()),
      y: origin.y + Math.sin(angle) * (1 + Math.random()),
      size: 8,
      color: KIND_STYLE[entity.kind].colour,
    });
    added.push(entity.id);
  });
  return added;
}

/** Adds relationships whose both ends are drawn; returns the ids added. */
export function addRelationships(graph: CanvasGraph, relationships: readonly RelationshipSummaryFragment[]): string[] {
  const added: string[] = [];
  for (const relationship of relationships) {
    if (graph.hasEdge(relationship.id) || !graph.hasNode(relationship.from.id) || !graph.hasNode(relationship.to.id)) continue;
    const amountUsd = 'amountUsd' in relationship && typeof relationship.amountUsd === 'number' ? relationship.amountUsd : null;
    graph.addDirectedEdgeWithKey(relationship.id, relationship.from.id, relationship.to.id, {
      label: amountUsd === null ? relationship.type : `${relationship.type} $${Math.round(amountUsd).toLocaleString('en-US')}`,
      type: 'arrow',
      relationshipType: relationship.type,
      illustrative: relationship.illustrative,
      date: dateOf(relationship),
      amountUsd,
      size: amountUsd === null ? 1.5 : Math.min(8, 1.5 + Math.log10(1 + amountUsd) / 1.5),
      color: EDGE_COLOUR,
    });
    added.push(relationship.id);
  }
  return added;
}

/** Node sizes follow their degree on the canvas, so hubs stand out. */
export function resizeByDegree(graph: CanvasGraph): void {
  graph.forEachNode((node) => graph.setNodeAttribute(node, 'size', Math.min(22, 6 + 2 * Math.sqrt(graph.degree(node)))));
}

/** Curvature of the index-th of several parallel links: spread, and bounded however many there are. */
function curvatureOf(index: number, maxIndex: number): number {
  if (index < 0) return -curvatureOf(-index, maxIndex);
  const amplitude = 3.5;
  const maxCurvature = amplitude * (1 - Math.exp(-maxIndex / amplitude)) * DEFAULT_EDGE_CURVATURE;
  return maxIndex <= 0 ? 0 : (maxCurvature * index) / maxIndex;
}

/** Parallel links between the same two entities are drawn as curves side by side (sigma's edge-curve). */
export function curveParallelEdges(graph: CanvasGraph): void {
  indexParallelEdgesIndex(graph, { edgeIndexAttribute: 'parallelIndex', edgeMinIndexAttribute: 'parallelMinIndex', edgeMaxIndexAttribute: 'parallelMaxIndex' });
  graph.forEachEdge((edge, a) => {
    const { parallelIndex, parallelMaxIndex } = a as EdgeAttributes & { parallelIndex?: number | null; parallelMaxIndex?: number | null };
    if (typeof parallelIndex === 'number' && typeof parallelMaxIndex === 'number' && parallelIndex !== 0) {
      graph.mergeEdgeAttributes(edge, { type: 'curved', curvature: curvatureOf(parallelIndex, parallelMaxIndex) });
    } else {
      graph.mergeEdgeAttributes(edge, { type: 'arrow', curvature: 0 });
    }
  });
}
