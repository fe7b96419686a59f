import type { Client } from 'urql';
import type { CanvasAction } from '../actions';
import { EntitiesQuery, LinkCountQuery, MoneyTrailQuery, NeighbourhoodQuery, PathsQuery } from '../api/documents';
import type { MoneyTrailQuery as MoneyTrailResult, PathsQuery as PathsResult, TraversalFilter } from '../gql/graphql';
import { addEntities, addRelationships, resizeByDegree, type CanvasGraph } from './graphModel';

/** Most entities one expansion draws; the rest are counted on the node ("+N"). */
export const EXPAND_LIMIT = 60;

export type PathsAnswer = NonNullable<PathsResult['paths']>;
export type TrailAnswer = NonNullable<MoneyTrailResult['moneyTrail']>;

/** What the last action left to show beside the canvas. */
export interface ActionOutcome {
  highlightNodes: Set<string>;
  highlightEdges: Set<string>;
  paths?: { from: string; to: string; answer: PathsAnswer };
  trail?: TrailAnswer;
  /** A message for the status line (an error, or "nothing found"). */
  message?: string;
}

async function run<T>(promise: Promise<{ data?: T; error?: { message: string } }>): Promise<T> {
  const result = await promise;
  if (result.error) throw new Error(result.error.message.replace(/^\[(GraphQL|Network)\] /, ''));
  if (!result.data) throw new Error('The API sent no data.');
  return result.data;
}

function traversalFilter(action: Extract<CanvasAction, { t: 'expand' }>): TraversalFilter | undefined {
  const f = action.filter;
  if (!f) return undefined;
  return {
    ...(f.types?.length ? { relationshipTypes: f.types as TraversalFilter['relationshipTypes'] } : {}),
    ...(f.kinds?.length ? { includeKinds: f.kinds as TraversalFilter['includeKinds'] } : {}),
    ...(f.minReliability || f.minCredibility ? { provenance: { ...(f.minReliability ? { minReliability: f.minReliability as 'A' } : {}), ...(f.minCredibility ? { minCredibility: f.minCredibility } : {}) } } : {}),
    ...(f.since ? { since: `${f.since}T00:00:00Z` } : {}),
    ...(f.until ? { until: `${f.until}T23:59:59Z` } : {}),
  };
}

/** Applies one action to the graph, asking the API for what it needs: the graph as of `asOf` (a date), or today's. */
export async function applyAction(client: Client, graph: CanvasGraph, action: CanvasAction, asOf: string | null = null): Promise<ActionOutcome> {
  const none: ActionOutcome = { highlightNodes: new Set(), highlightEdges: new Set() };
  switch (action.t) {
    case 'add': {
      const data = await run(client.query(EntitiesQuery, { ids: [action.id], asOf }).toPromise());
      const entity = data.nodes?.[0];
      if (!entity) return { ...none, message: `${action.id} is not visible to your role (or does not exist${asOf ? ` as of ${asOf}` : ''}).` };
      addEntities(graph, [entity]);
      return { ...none, highlightNodes: new Set() };
    }
    case 'expand': {
      const data = await run(client.query(NeighbourhoodQuery, { id: action.id, depth: 1, limit: EXPAND_LIMIT, filter: traversalFilter(action) ?? null, asOf }).toPromise());
      const sub = data.neighbourhood;
      if (!sub) return { ...none, message: `${action.id} is not visible to your role.` };
      addEntities(graph, sub.nodes, action.id);
      addRelationships(graph, sub.relationships);
      resizeByDegree(graph);
      // A hub stays collapsed: what is not drawn of its links is counted on it ("+N").
      if (sub.truncated && graph.hasNode(action.id)) {
        const count = await run(client.query(LinkCountQuery, { id: action.id, asOf }).toPromise());
        const total = count.node?.relationships.totalCount ?? 0;
        graph.setNodeAttribute(action.id, 'hiddenLinks', Math.max(0, total - graph.degree(action.id)));
      }
      return { ...none, ...(sub.truncated ? { message: `some links left out (at most ${EXPAND_LIMIT} entities; hubs such as countries are drawn, not expanded)` } : {}) };
    }
    case 'paths': {
      const data = await run(client.query(PathsQuery, { from: action.from, to: action.to, k: 3, maxHops: 6, asOf }).toPromise());
      const answer = data.paths ?? [];
      const nodes = new Set<string>();
      const edges = new Set<string>();
      for (const path of answer) {
        addEntities(graph, path.nodes, action.from);
        addRelationships(graph, path.steps.map((step) => step.relationship));
        for (const node of path.nodes) nodes.add(node.id);
        for (const step of path.steps) edges.add(step.relationship.id);
      }
      resizeByDegree(graph);
      return { highlightNodes: nodes, highlightEdges: edges, paths: { from: action.from, to: action.to, answer }, ...(answer.length === 0 ? { message: 'No path within 6 steps.' } : {}) };
    }
    case 'money': {
      const data = await run(client.query(MoneyTrailQuery, { accountId: action.id, direction: action.direction, maxHops: 4, asOf }).toPromise());
      const trail = data.moneyTrail;
      if (!trail) return { ...none, message: `${action.id} is not an account you may see.` };
      addEntities(graph, [trail.origin]);
      addEntities(graph, trail.accounts.map((a) => a.account), trail.origin.id);
      addRelationships(graph, trail.transfers);
      resizeByDegree(graph);
      return {
        highlightNodes: new Set([trail.origin.id, ...trail.accounts.map((a) => a.account.id)]),
        highlightEdges: new Set(trail.transfers.map((t) => t.id)),
        trail,
      };
    }
  }
}
