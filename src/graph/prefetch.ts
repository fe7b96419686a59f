import { int, type Node } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import {
  ENTITY_LABELS, RELATIONSHIP_TYPES, RELATIONSHIPS, type EntityLabel, type EntityModel, type PrefetchedPage, type PrefetchedPages, type TimeLens,
} from '../model/index.js';
import {
  columnsOf, ENTITY_BASE_PROPERTIES, ENTITY_PROPERTY_NAMES, RELATIONSHIP_BASE_PROPERTIES, RELATIONSHIP_PROPERTY_NAMES, rowColumns, rowProperties, rowWidth,
  type Columns, type Properties,
} from './projection.js';
import { markLens, visibilityParameters, visibleNodeCondition, visibleRelationshipCondition, type Visibility } from '../policy/index.js';
import { RESOLVE_MERGED_ID } from './mergedIds.js';
import { provenanceCondition } from './provenance.js';
import { entityModelOf, relationshipModelOf, toEntityModel, unreadRelationshipModelOf } from './records.js';
import { whereClause } from './where.js';
import { relationshipPageOrder, relationshipPattern, type RelationshipPageArgs } from './relationships.js';

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
  /** Whether the query reads the connection's pageInfo: else no row beyond `first` is read (hasNextPage stays unknown). */
  readsNextPage: boolean;
  /**
   * Whether the query reads the relationships themselves (edge `node`, `cursor`, `pageInfo`,
   * journey stops), and which of their stored properties; a page of `nationalities { … }` needs
   * only the entities.
   */
  relationshipRead: boolean;
  relationshipProperties: Properties;
  /** Stored properties the query reads on the entities at the other ends, or 'all'. */
  otherProperties: Properties;
  nested: PrefetchPlan;
}

/** Pages to fetch ahead for each entity at one level, keyed by `relationshipPageKey(args)`. */
export type PrefetchPlan = ReadonlyMap<string, RelationshipPrefetch>;

/**
 * The kinds the entity at the other end of such a page can be (the domain model's allowed ends):
 * when there is one, its label needs no column; else a CASE over label checks, cheaper than labels().
 */
function otherEndLabels(args: RelationshipPageArgs): EntityLabel[] {
  const types = args.types.length > 0 ? args.types : RELATIONSHIP_TYPES;
  const labels = new Set<EntityLabel>();
  for (const type of types) {
    const spec = RELATIONSHIPS[type];
    if (args.direction !== 'INCOMING') for (const label of spec.to) labels.add(label);
    if (args.direction !== 'OUTGOING') for (const label of spec.from) labels.add(label);
  }
  return ENTITY_LABELS.filter((label) => labels.has(label));
}

/**
 * What a page's arguments already fix, so its rows need no column for it: the type of a one-type
 * page, the direction of a one-way page, the kind at the other end when only one is allowed.
 */
function pageShape(args: RelationshipPageArgs) {
  const otherLabels = otherEndLabels(args);
  return {
    type: args.types.length === 1 ? args.types[0] : undefined,
    outgoing: args.direction === 'BOTH' ? undefined : args.direction === 'OUTGOING',
    otherLabels,
    otherLabel: otherLabels.length === 1 ? otherLabels[0] : undefined,
  };
}

/**
 * A plan entry compiled: its Cypher, and how its rows come back. Rows are lists, not maps: a map
 * sends and decodes every key with every row, and at a few thousand rows per request that was half
 * the driver's decoding work and a quarter of Neo4j's (measured on recruiterTree at 1M).
 */
interface CompiledPage {
  key: string;
  first: number;
  /** Read backwards (from the cursor outwards) and turned back on decoding. */
  backward: boolean;
  readsNextPage: boolean;
  projected: boolean;
  /** The row's columns, in order: the other end's properties, then what the page's shape leaves open. */
  other: Columns;
  relationship: Columns | undefined;
  /** Fixed by the arguments, or undefined when the row carries it. */
  type: string | undefined;
  otherLabel: EntityLabel | undefined;
  outgoing: boolean | undefined;
  nested: CompiledPage[];
}

/** Which of `labels` (the domain model's, never request text) the entity has, as a row's value. */
function labelColumn(variable: string, labels: readonly EntityLabel[]): string {
  return `CASE ${labels.map((l) => `WHEN ${variable}:${l} THEN '${l}'`).join(' ')} END`;
}

/** Compiles the plan into a Cypher list expression over the entity variable `n` (one page per entry); values go into params. */
function compilePages(plan: PrefetchPlan, n: string, depth: number, params: Record<string, unknown>, counter: { next: number }, visibility: Visibility): { expression: string; pages: CompiledPage[] } {
  const r = `r${depth + 1}`;
  const m = `n${depth + 1}`;
  const pages: CompiledPage[] = [];
  const expressions = [...plan.entries()].map(([key, prefetch]) => {
    const id = counter.next++;
    const { type, outgoing, otherLabels, otherLabel } = pageShape(prefetch.args);
    // A relationship whose other end is hidden from the role is not on the page, nor in its count.
    // Under a time lens (the root field's: the plan holds no page with a lens of its own), only the
    // relationships of that date and knowledge.
    const conditions: string[] = [visibleNodeCondition(visibility, m, otherLabels), visibleRelationshipCondition(visibility, r, prefetch.args.types)];
    const provenance = provenanceCondition(r, prefetch.args.provenance, params, `pf${id}_`);
    if (provenance) conditions.push(provenance);
    const pageConditions = [...conditions];
    const { condition: cursorCondition, order } = relationshipPageOrder(prefetch.args, r, `$pf${id}_after`);
    if (prefetch.args.afterSortKey !== null) {
      params[`pf${id}_after`] = prefetch.args.afterSortKey;
      pageConditions.push(cursorCondition);
    }
    // One row more tells hasNextPage; only when it is read, for that row brings its nested pages with it.
    params[`pf${id}_limit`] = int(prefetch.args.first + (prefetch.readsNextPage ? 1 : 0));
    const nested = prefetch.nested.size > 0 ? compilePages(prefetch.nested, m, depth + 1, params, counter, visibility) : undefined;
    const page: CompiledPage = {
      key,
      first: prefetch.args.first,
      backward: prefetch.args.backward === true,
      readsNextPage: prefetch.readsNextPage,
      projected: prefetch.otherProperties !== 'all',
      other: columnsOf(prefetch.otherProperties, ENTITY_BASE_PROPERTIES, ENTITY_PROPERTY_NAMES),
      relationship: prefetch.relationshipRead ? columnsOf(prefetch.relationshipProperties, RELATIONSHIP_BASE_PROPERTIES, RELATIONSHIP_PROPERTY_NAMES) : undefined,
      type,
      otherLabel,
      outgoing,
      nested: nested?.pages ?? [],
    };
    pages.push(page);
    const columns = rowColumns(m, page.other);
    if (page.relationship) columns.push(...rowColumns(r, page.relationship));
    if (!type) columns.push(`type(${r})`);
    if (!otherLabel) columns.push(labelColumn(m, otherLabels));
    if (outgoing === undefined) columns.push(`startNode(${r}) = ${n}`);
    if (nested) columns.push(nested.expression);
    const pattern = `(${n})${relationshipPattern(prefetch.args.direction, prefetch.args.types, r)}(${m}:Entity)`;
    const rows = `COLLECT {
      MATCH ${pattern}
      WHERE ${whereClause(pageConditions)}
      WITH ${r}, ${m} ORDER BY ${order} LIMIT $pf${id}_limit
      RETURN [${columns.join(', ')}]
    }`;
    return prefetch.countTotal ? `[${rows}, COUNT { MATCH ${pattern} WHERE ${whereClause(conditions)} }]` : `[${rows}]`;
  });
  return { expression: `[${expressions.join(', ')}]`, pages };
}

/** An entity's pages fetched ahead when the plan holds one. */
class OnePrefetchedPage implements PrefetchedPages {
  constructor(
    private readonly key: string,
    private readonly page: PrefetchedPage,
  ) {}

  get(key: string): PrefetchedPage | undefined {
    return key === this.key ? this.page : undefined;
  }
}

/** Turns the rows of the compiled pages back into pages attached to the entity, recursively. */
function attachPages(entity: EntityModel, compiled: readonly CompiledPage[], values: unknown, lens: TimeLens | undefined): EntityModel {
  const pages = values as unknown[][];
  // Most plans hold one page per entity: a Map for each of hundreds of entities was a twentieth of what a tree allocated.
  const prefetched = compiled.length === 1 ? undefined : new Map<string, PrefetchedPage>();
  for (let index = 0; index < compiled.length; index++) {
    const page = compiled[index]!;
    const [rows, total = null] = pages[index] as [unknown[][], number | null | undefined];
    const count = Math.min(rows.length, page.first);
    const edges = new Array<PrefetchedPage['edges'][number]>(count);
    for (let i = 0; i < count; i++) {
      const row = rows[i]!;
      // Columns the shape made unnecessary are absent from the row: the compiled page has them.
      let column = rowWidth(page.other);
      const relationshipAt = column;
      if (page.relationship) column += rowWidth(page.relationship);
      const type = page.type ?? (row[column++] as string);
      const label = page.otherLabel ?? (row[column++] as EntityLabel);
      const out = page.outgoing ?? (row[column++] as boolean);
      const other = markLens(entityModelOf(label, rowProperties(page.other, row, 0), page.other), lens);
      if (page.nested.length > 0) attachPages(other, page.nested, row[column++], lens);
      if (page.projected) other.projected = true;
      // Unread relationships get an empty model: nothing in the answer can show it.
      const fromId = out ? entity.id : other.id;
      const toId = out ? other.id : entity.id;
      const model = page.relationship ? relationshipModelOf(type, rowProperties(page.relationship, row, relationshipAt), fromId, toId) : unreadRelationshipModelOf(type, fromId, toId);
      const relationship = markLens(model, lens);
      if (out) relationship.fetchedTo = other;
      else relationship.fetchedFrom = other;
      edges[i] = { direction: out ? 'OUTGOING' : 'INCOMING', relationship, other };
    }
    // A backward page was read from the cursor outwards: turned back into the usual order.
    if (page.backward) edges.reverse();
    const fetched: PrefetchedPage = { edges, hasNextPage: page.readsNextPage ? rows.length > page.first : null, totalCount: total };
    if (prefetched) prefetched.set(page.key, fetched);
    else entity.prefetched = new OnePrefetchedPage(page.key, fetched);
  }
  if (prefetched && prefetched.size > 0) entity.prefetched = prefetched;
  return entity;
}

/** The Cypher pieces a root query adds to fetch the plan's pages for its entities. */
export interface PrefetchProjection {
  /** A list expression over the root query's entity variable, to return beside it. */
  expression: string;
  params: Record<string, unknown>;
  attach: (entity: EntityModel, pages: unknown) => EntityModel;
}

/**
 * `entityVariable` names the root query's entity (our code's constant, never request text); the
 * root query itself checks that entity's visibility, the pages check every entity they reach.
 */
export function prefetchProjection(plan: PrefetchPlan, entityVariable: string, visibility: Visibility): PrefetchProjection {
  const params: Record<string, unknown> = visibilityParameters(visibility);
  if (plan.size === 0) return { expression: 'null', params, attach: (entity) => entity };
  const { expression, pages } = compilePages(plan, entityVariable, 0, params, { next: 0 }, visibility);
  return { expression, params, attach: (entity, values) => attachPages(entity, pages, values, visibility.lens) };
}

/**
 * How a root read returns its entities: the whole node when the selection reads anything but stored
 * properties (or the look-ahead is off), else just the properties it reads, as a values list, so
 * Neo4j reads and sends, and the driver decodes, no more (a model so read is marked `projected`).
 */
export interface RootColumns {
  /** Over the entity variable given. */
  expression: string;
  model(value: unknown): EntityModel;
}

export function rootEntityColumns(variable: string, label: EntityLabel | undefined, properties: Properties): RootColumns {
  const columns = columnsOf(properties, ENTITY_BASE_PROPERTIES, ENTITY_PROPERTY_NAMES);
  if (columns === 'all') return { expression: variable, model: (value) => toEntityModel(value as Node) };
  // Of an unknown kind (a root read by id), the label comes last in the row.
  const labels = label ? [] : [labelColumn(variable, ENTITY_LABELS)];
  return {
    expression: `[${[...rowColumns(variable, columns), ...labels].join(', ')}]`,
    model: (value) => {
      const row = value as unknown[];
      const model = entityModelOf(label ?? (row[columns.length] as EntityLabel), rowProperties(columns, row, 0), columns);
      model.projected = true;
      return model;
    },
  };
}

/**
 * Entities by id with the plan's pages, in one round trip; an entity hidden from the role is missing,
 * like an unknown id. Only `properties` come back (then the models are marked `projected`).
 */
export async function findEntitiesWithPages(db: Database, ids: readonly string[], plan: PrefetchPlan, visibility: Visibility, properties: Properties): Promise<Map<string, EntityModel>> {
  const projection = prefetchProjection(plan, 'n0', visibility);
  const root = rootEntityColumns('n0', undefined, properties);
  const { records } = await db.read<{ id: string; n0: unknown; pages: unknown }>(
    `UNWIND $ids AS id
     ${RESOLVE_MERGED_ID}
     MATCH (n0:Entity {id: target})
     WHERE ${visibleNodeCondition(visibility, 'n0')}
     RETURN id, ${root.expression} AS n0, ${projection.expression} AS pages`,
    { ...projection.params, ids },
  );
  const byId = new Map<string, EntityModel>();
  for (const record of records) {
    const entity = markLens(projection.attach(root.model(record.get('n0')), record.get('pages')), visibility.lens);
    byId.set(record.get('id'), entity);
  }
  return byId;
}
