import { int, type Node } from 'neo4j-driver';
import { LIST_ONE_PASS_MAX_MATCHES } from '../config/index.js';
import type { Database } from '../database/index.js';
import type { EntityLabel, EntityModel } from '../model/index.js';
import { hidesEveryLabel, markLens, visibilityParameters, visibleNodeCondition, type Visibility } from '../policy/index.js';
import { afterCursorCondition, type KeysetForm, type SortValue } from './cursors.js';
import { prefetchProjection, rootEntityColumns, type PrefetchPlan } from './prefetch.js';
import type { Properties } from './projection.js';
import { RESOLVE_MERGED_ID } from './mergedIds.js';
import { toEntityModel } from './records.js';
import { whereClause } from './where.js';

/**
 * Which of these ids are entities this role may see (a merged id answers with its survivor), and what are they? One round trip for any
 * number of ids; the caller re-maps by id because Neo4j does not keep UNWIND order. A hidden entity
 * is missing, exactly like an unknown id.
 */
export async function findEntitiesByIds(db: Database, ids: readonly string[], visibility: Visibility): Promise<Map<string, EntityModel>> {
  const { records } = await db.read<{ id: string; node: Node }>(
    `UNWIND $ids AS id
     ${RESOLVE_MERGED_ID}
     MATCH (node:Entity {id: target})
     WHERE ${visibleNodeCondition(visibility, 'node')}
     RETURN id, node`,
    { ids, ...visibilityParameters(visibility) },
  );
  const byId = new Map<string, EntityModel>();
  for (const record of records) byId.set(record.get('id'), markLens(toEntityModel(record.get('node')), visibility.lens));
  return byId;
}

/**
 * One page of one kind of entity. Conditions are Cypher fragments written in the graph layer (never
 * from request text) over the variable `n`; their values are in `params`.
 */
export interface EntityListQuery {
  label: EntityLabel;
  conditions: string[];
  /** Patterns over `n` (from the filters) the entity must be in. */
  patterns?: string[];
  params: Record<string, unknown>;
  /** Derived labels the conditions require, one of each set (FilterConditions.labelsAnyOf). */
  labelsAnyOf?: string[][];
  /** A Cypher expression over `n` that orders the list (from a fixed table of order fields). */
  sortExpression: string;
  direction: 'ASC' | 'DESC';
  first: number;
  after: { value: SortValue; id: string } | undefined;
  /** Relationship pages to fetch with each entity of the page (src/graph/prefetch.ts). */
  prefetch?: PrefetchPlan;
  /** The stored properties the selection reads of the listed entities ('all', the default: whole nodes). */
  properties?: Properties;
  /** Count every match (over all pages) in the same statement. */
  countTotal?: boolean;
  /**
   * The sort expression is a property every entity of the kind has (name, id), so a first page can
   * be read in that property's index order (`IS NOT NULL` lets the planner scan the index).
   */
  sortAlwaysSet?: boolean;
  /** How the cursor condition is written (only tests ask for the reference form). */
  keyset?: KeysetForm;
}

export interface EntityListPage {
  rows: Array<{ entity: EntityModel; sortValue: SortValue }>;
  hasNextPage: boolean;
  /** Set when the query asked for `countTotal`. */
  totalCount: number | null;
}

/**
 * A page row as the list statements return it: a list, not a map (no keys to send and decode per
 * row) — the entity (a node, or its projected values: rootEntityColumns), its sort value, its pages.
 */
type PageRow = [n: unknown, sortValue: SortValue, pages: unknown];

/** Whether the filters require a label set this role hides entirely: then no entity can be listed or counted. */
function nothingVisible(query: Pick<EntityListQuery, 'labelsAnyOf'>, visibility: Visibility): boolean {
  return (query.labelsAnyOf ?? []).some((labels) => hidesEveryLabel(visibility, labels));
}

/**
 * `MATCH … WHERE …` of the list's entities into `n`, up to the point where more conditions may
 * follow with AND. With patterns, an entity they reach twice is one entity: DISTINCT.
 */
function matchEntities(query: Pick<EntityListQuery, 'label' | 'conditions' | 'patterns'>, visibility: Visibility, nodeLabel: string = query.label): string {
  const patterns = query.patterns ?? [];
  // The kind's label alone: every node of a kind is an :Entity, and a second label test per match
  // was a third of a filtered list's db hits.
  const node = `(n:${nodeLabel})`;
  // The role's condition goes with the filters: hidden entities are neither listed nor counted.
  const conditions = whereClause([...query.conditions, visibleNodeCondition(visibility, 'n', [query.label])]);
  // With patterns, the conditions (all over `n`) filter before DISTINCT, not after it.
  return patterns.length === 0
    ? `MATCH ${node} WHERE ${conditions}`
    : `MATCH ${[node, ...patterns].join(', ')} WHERE ${conditions} WITH DISTINCT n WHERE true`;
}

/**
 * The label to match a list's entities by when every match is read anyway (a total, the one-pass
 * page): a derived label the filters require (DERIVED_LABELS, set only on entities of its kind)
 * instead of the kind's, so a match is one label test, not two (victimsOfNationality at 100k:
 * 13,511 → 10,882 db hits; the floor's 10,819). Not for the top-k page, which may read the kind's
 * sort index in order. The filters' own label condition stays (the planner folds the repeat).
 */
function labelOfEveryMatch(query: Pick<EntityListQuery, 'label' | 'labelsAnyOf'>): string {
  return (query.labelsAnyOf ?? []).find((labels) => labels.length === 1)?.[0] ?? query.label;
}

/**
 * Keyset page: strictly after the cursor's (sort value, id), ordered by both; one extra row tells hasNextPage.
 *
 * With `countTotal`, a filtered list is read in one pass: its matches are ordered once, counted, and
 * those after the cursor collected, the page a slice of them (the total counts the whole filtered
 * set, the page only what follows the cursor). Collecting is bounded by
 * `collectMax` (LIST_ONE_PASS_MAX_MATCHES): past it, and for an unfiltered list (a whole kind, up to
 * millions of nodes), a count subquery plus a top-k page keep memory flat at the price of a second
 * pass over the matches.
 */
export async function listEntities(db: Database, query: EntityListQuery, visibility: Visibility, collectMax = LIST_ONE_PASS_MAX_MATCHES): Promise<EntityListPage> {
  if (nothingVisible(query, visibility)) return { rows: [], hasNextPage: false, totalCount: query.countTotal ? 0 : null };
  const sort = query.sortExpression;
  const projection = prefetchProjection(query.prefetch ?? new Map(), 'n', visibility);
  const root = rootEntityColumns('n', query.label, query.properties ?? 'all');
  const form = query.keyset ?? 'seek';
  const pageCondition = afterCursorCondition(sort, 'n.id', query.direction, query.after !== undefined, form)
    ?? (query.sortAlwaysSet && form === 'seek' ? `${sort} IS NOT NULL` : 'true');
  const page = `${matchEntities(query, visibility)}
       AND ${pageCondition}
     WITH n, ${sort} AS sortValue
     ORDER BY sortValue ${query.direction}, n.id ${query.direction}
     LIMIT $limit`;
  const params = { ...projection.params, ...query.params, ...visibilityParameters(visibility), afterValue: query.after?.value ?? null, afterId: query.after?.id ?? null, limit: int(query.first + 1) };
  let found: PageRow[] | undefined;
  let totalCount: number | null = null;
  if (query.countTotal && (query.conditions.length > 0 || (query.patterns?.length ?? 0) > 0)) {
    // One pass: the LIMIT stops matching one past the cap (the page is then left empty and the
    // count + page form below answers); the sort value is computed again only for the page's rows.
    // Only the nodes past the cursor are collected (collect skips the CASE's nulls): collecting a
    // map per match and filtering the list afterwards cost the largest nationality at 1M 41 against
    // 35 ms per statement (the floor's 35).
    const { records } = await db.read<{ total: number; rows: PageRow[] }>(
      `${matchEntities(query, visibility, labelOfEveryMatch(query))}
       WITH n LIMIT $collectLimit
       WITH n, ${sort} AS sortValue, n.id AS id
       ORDER BY sortValue ${query.direction}, id ${query.direction}
       WITH count(*) AS total, collect(CASE WHEN ${/* rows in hand: no index to seek, and the form that takes a missing cursor */ afterCursorCondition('sortValue', 'id', query.direction, true, 'reference')} THEN n END) AS following
       WITH total, CASE WHEN total > $collectMax THEN [] ELSE following[0..$limit] END AS page
       RETURN total, [n IN page | [${root.expression}, ${sort}, ${projection.expression}]] AS rows`,
      { ...params, collectMax: int(collectMax), collectLimit: int(collectMax + 1) },
    );
    const total = records[0]?.get('total') ?? 0;
    if (total <= collectMax) {
      found = records[0]?.get('rows') ?? [];
      totalCount = total;
    }
  }
  if (found === undefined && query.countTotal) {
    // One round trip for the page and the total; collect keeps the page's order.
    const { records } = await db.read<{ total: number; rows: PageRow[] }>(
      `CALL () { ${matchEntities(query, visibility, labelOfEveryMatch(query))} RETURN count(n) AS total }
       CALL () { ${page} RETURN collect([${root.expression}, sortValue, ${projection.expression}]) AS rows }
       RETURN total, rows`,
      params,
    );
    found = records[0]?.get('rows') ?? [];
    totalCount = records[0]?.get('total') ?? 0;
  } else if (found === undefined) {
    const { records } = await db.read<{ n: unknown; sortValue: SortValue; pages: unknown }>(`${page} RETURN ${root.expression} AS n, sortValue, ${projection.expression} AS pages`, params);
    found = records.map((record): PageRow => [record.get('n'), record.get('sortValue'), record.get('pages')]);
  }
  const rows = found.slice(0, query.first).map(([n, sortValue, pages]) => ({ entity: markLens(projection.attach(root.model(n), pages), visibility.lens), sortValue }));
  return { rows, hasNextPage: found.length > query.first, totalCount };
}

/** How many entities of the list's kind match its conditions, over all pages. */
export async function countEntities(db: Database, query: Pick<EntityListQuery, 'label' | 'conditions' | 'patterns' | 'params' | 'labelsAnyOf'>, visibility: Visibility): Promise<number> {
  if (nothingVisible(query, visibility)) return 0;
  const { records } = await db.read<{ total: number }>(
    `${matchEntities(query, visibility, labelOfEveryMatch(query))} RETURN count(n) AS total`,
    { ...query.params, ...visibilityParameters(visibility) },
  );
  return records[0]?.get('total') ?? 0;
}
