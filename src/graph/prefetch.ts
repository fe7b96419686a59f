import { int, type Node, type Relationship } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import type { EntityModel, PrefetchedPage } from '../model/index.js';
import { whereClause } from './where.js';
import { provenanceCondition } from './provenance.js';
import { toEntityModel, toRelationshipModel } from './records.js';
import { relationshipPattern, type RelationshipPageArgs } from './relationships.js';

/**
 * Fetching nested relationship pages ahead, in the statement that finds their root entities.
 *
 * A query such as `node { relationships { edges { other { relationships { … } } } } }` would
 * otherwise cost one round trip per nested level (each batched by DataLoader). When the resolvers
 * can see the whole selection, they describe the pages it will ask for as a plan, and this module
 * compiles the plan into COLLECT subqueries of one Cypher statement. The pages come back attached
 * to their entities (`EntityModel.prefetched`), keyed like the relationship-page loader, so a
 * resolver that finds its page uses it and one that does not falls back to the loader: a plan only
 * ever changes how many round trips a query costs, never its answer.
 */

/** A page of relationships to fetch for every entity at one level, and what to fetch for the entities at their other ends. */
export interface RelationshipPrefetch {
  args: RelationshipPageArgs;
  /** Whether the query asks for the connection's totalCount. */
  countTotal: boolean;
  nested: PrefetchPlan;
}

/** Pages to fetch ahead for each entity at one level, keyed by `relationshipPageKey(args)`. */
export type PrefetchPlan = ReadonlyMap<string, RelationshipPrefetch>;

interface PrefetchRow {
  r: Relationship;
  m: Node;
  out: boolean;
  pages: Record<string, unknown>;
}

/** Compiles the plan into a Cypher map expression over the entity variable `n`; values go into params. */
function pagesProjection(plan: PrefetchPlan, n: string, depth: number, params: Record<string, unknown>, counter: { next: number }): string {
  const r = `r${depth + 1}`;
  const m = `n${depth + 1}`;
  const entries = [...plan.values()].map((prefetch, index) => {
    const id = counter.next++;
    const conditions: string[] = [];
    const provenance = provenanceCondition(r, prefetch.args.provenance, params, `pf${id}_`);
    if (provenance) conditions.push(provenance);
    const pageConditions = [...conditions];
    if (prefetch.args.afterSortKey !== null) {
      params[`pf${id}_after`] = prefetch.args.afterSortKey;
      pageConditions.push(`${r}.sortKey > $pf${id}_after`);
    }
    params[`pf${id}_limit`] = int(prefetch.args.first + 1);
    const pattern = `(${n})${relationshipPattern(prefetch.args.direction, prefetch.args.types, r)}(${m}:Entity)`;
    const nested = prefetch.nested.size > 0 ? pagesProjection(prefetch.nested, m, depth + 1, params, counter) : '{}';
    const rows = `COLLECT {
      MATCH ${pattern}
      WHERE ${whereClause(pageConditions)}
      WITH ${r}, ${m} ORDER BY ${r}.sortKey LIMIT $pf${id}_limit
      RETURN {r: ${r}, m: ${m}, out: startNode(${r}) = ${n}, pages: ${nested}}
    }`;
    const total = prefetch.countTotal ? `COUNT { MATCH ${pattern} WHERE ${whereClause(conditions)} }` : 'null';
    return `p${index}: {rows: ${rows}, total: ${total}}`;
  });
  return `{${entries.join(', ')}}`;
}

/** Turns the projection's result back into pages attached to the entity, recursively. */
function attachPages(entity: EntityModel, plan: PrefetchPlan, pages: Record<string, unknown>): EntityModel {
  const prefetched = new Map<string, PrefetchedPage>();
  [...plan.entries()].forEach(([key, prefetch], index) => {
    const page = pages[`p${index}`] as { rows: PrefetchRow[]; total: number | null } | undefined;
    if (!page) return;
    const edges = page.rows.slice(0, prefetch.args.first).map(({ r, m, out, pages: nested }) => {
      const other = attachPages(toEntityModel(m), prefetch.nested, nested);
      return {
        direction: out ? ('OUTGOING' as const) : ('INCOMING' as const),
        relationship: toRelationshipModel(r, out ? entity.id : other.id, out ? other.id : entity.id),
        other,
      };
    });
    prefetched.set(key, { edges, hasNextPage: page.rows.length > prefetch.args.first, totalCount: page.total });
  });
  if (prefetched.size > 0) entity.prefetched = prefetched;
  return entity;
}

/** The Cypher pieces a root query adds to fetch the plan's pages for its entities. */
export interface PrefetchProjection {
  /** A map expression over the root query's entity variable, to return beside it. */
  expression: string;
  params: Record<string, unknown>;
  attach: (entity: EntityModel, pages: unknown) => EntityModel;
}

/** `entityVariable` names the root query's entity (our code's constant, never request text). */
export function prefetchProjection(plan: PrefetchPlan, entityVariable: string): PrefetchProjection {
  const params: Record<string, unknown> = {};
  const expression = plan.size > 0 ? pagesProjection(plan, entityVariable, 0, params, { next: 0 }) : '{}';
  return {
    expression,
    params,
    attach: (entity, pages) => (plan.size > 0 ? attachPages(entity, plan, (pages ?? {}) as Record<string, unknown>) : entity),
  };
}

/** Entities by id with the plan's pages, in one round trip. */
export async function findEntitiesWithPages(db: Database, ids: readonly string[], plan: PrefetchPlan): Promise<Map<string, EntityModel>> {
  const projection = prefetchProjection(plan, 'n0');
  const { records } = await db.read<{ n0: Node; pages: unknown }>(
    `UNWIND $ids AS id
     MATCH (n0:Entity {id: id})
     RETURN n0, ${projection.expression} AS pages`,
    { ...projection.params, ids },
  );
  const byId = new Map<string, EntityModel>();
  for (const record of records) {
    const entity = projection.attach(toEntityModel(record.get('n0')), record.get('pages'));
    byId.set(entity.id, entity);
  }
  return byId;
}
