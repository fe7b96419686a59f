import { int, type Node, type Relationship } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import { RELATIONSHIP_TYPES, type EntityModel, type RelationshipEdgeModel, type RelationshipModel, type RelationshipType, type TimeLens } from '../model/index.js';
import { markLens, visibilityParameters, visibleNodeCondition, visibleRelationshipCondition, withLens, type Visibility } from '../policy/index.js';
import { whereClause } from './where.js';
import { afterCursorCondition, type KeysetForm } from './cursors.js';
import { provenanceCondition, type ProvenanceFilter } from './provenance.js';
import {
  columnsOf, ENTITY_BASE_PROPERTIES, ENTITY_PROPERTY_NAMES, RELATIONSHIP_BASE_PROPERTIES, RELATIONSHIP_PROPERTY_NAMES,
  rowColumns, rowProperties, rowWidth, type Properties,
} from './projection.js';
import { entityModelOf, relationshipModelOf, toEntityModel, toRelationshipModel } from './records.js';

export type Direction = 'OUTGOING' | 'INCOMING' | 'BOTH';

/** Which relationships of an entity a connection shows. */
export interface RelationshipPageArgs {
  direction: Direction;
  /** Validated enum values; empty means every type. */
  types: readonly RelationshipType[];
  provenance: ProvenanceFilter | null | undefined;
  first: number;
  /** sortKey of the cursor's relationship: the page starts after it (or, backwards, ends before it). */
  afterSortKey: string | null;
  /** Relay's `last`/`before`: the `first` relationships before the cursor (or at the end), in the usual order. */
  backward?: boolean;
  /** The time lens of the page (src/policy/timeLens.ts): set only when it limits something. */
  asOf?: string | null;
  knownAsOf?: string | null;
}

/** The time lens a page is read through (undefined: the present graph). */
export function pageLens(args: Pick<RelationshipPageArgs, 'asOf' | 'knownAsOf'>): TimeLens | undefined {
  return args.asOf || args.knownAsOf ? { asOf: args.asOf ?? null, knownAsOf: args.knownAsOf ?? null } : undefined;
}

/** The page's cursor condition and order over `r`: forwards after the cursor, backwards before it, read from the cursor outwards. */
export function relationshipPageOrder(args: Pick<RelationshipPageArgs, 'backward'>, r: string, cursorParam: string): { condition: string; order: string } {
  return args.backward
    ? { condition: `${r}.sortKey < ${cursorParam}`, order: `${r}.sortKey DESC` }
    : { condition: `${r}.sortKey > ${cursorParam}`, order: `${r}.sortKey` };
}

/** `-[r:A|B]->`, `<-[r:A|B]-` or `-[r:A|B]-`; type names come from the validated enum, never from text. */
export function relationshipPattern(direction: Direction, types: readonly RelationshipType[], variable = 'r'): string {
  for (const type of types) if (!(RELATIONSHIP_TYPES as readonly string[]).includes(type)) throw new Error(`Unknown relationship type ${type}`);
  const typeList = types.length > 0 ? `:${types.join('|')}` : '';
  if (direction === 'OUTGOING') return `-[${variable}${typeList}]->`;
  if (direction === 'INCOMING') return `<-[${variable}${typeList}]-`;
  return `-[${variable}${typeList}]-`;
}

/** The key under which a page of relationships is cached and fetched ahead: its arguments, in a fixed order. */
export function relationshipPageKey(args: RelationshipPageArgs): string {
  const p = args.provenance;
  const provenance = p ? [p.source ?? null, p.minReliability ?? null, p.minCredibility ?? null] : null;
  const lens = pageLens(args);
  return JSON.stringify([args.direction, args.types, provenance, args.first, args.afterSortKey, args.backward === true, ...(lens ? [lens.asOf, lens.knownAsOf] : [])]);
}

/**
 * The relationships of many entities, one keyset page each, in one round trip: what a nested
 * connection needs for all its parents at once. Ordered by sortKey (date or journey order, then id).
 */
export async function findRelationshipPages(
  db: Database,
  entityIds: readonly string[],
  args: RelationshipPageArgs,
  roleVisibility: Visibility,
): Promise<Map<string, { edges: RelationshipEdgeModel[]; hasNextPage: boolean }>> {
  const visibility = withLens(roleVisibility, pageLens(args));
  const params: Record<string, unknown> = { ids: entityIds, after: args.afterSortKey, limit: int(args.first + 1), ...visibilityParameters(visibility) };
  const { condition, order } = relationshipPageOrder(args, 'r', '$after');
  // The parents were read under the same visibility; a relationship to a hidden entity is not on the page.
  const conditions = [`$after IS NULL OR ${condition}`, visibleNodeCondition(visibility, 'm'), visibleRelationshipCondition(visibility, 'r', args.types)];
  const provenance = provenanceCondition('r', args.provenance, params, 'p');
  if (provenance) conditions.push(provenance);

  const { records } = await db.read<{ id: string; rows: Array<{ r: Relationship; m: Node; outgoing: boolean }> }>(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     CALL (n) {
       MATCH (n)${relationshipPattern(args.direction, args.types)}(m:Entity)
       WHERE ${whereClause(conditions)}
       RETURN r, m, startNode(r) = n AS outgoing
       ORDER BY ${order}
       LIMIT $limit
     }
     RETURN id, collect({r: r, m: m, outgoing: outgoing}) AS rows`,
    params,
  );
  const pages = new Map<string, { edges: RelationshipEdgeModel[]; hasNextPage: boolean }>();
  for (const record of records) {
    const id = record.get('id');
    const rows = record.get('rows');
    // A backward page is read from the cursor outwards: turned back into the usual order here.
    const read = rows.slice(0, args.first);
    const edges = (args.backward ? read.reverse() : read).map(({ r, m, outgoing }) => {
      const other = markLens(toEntityModel(m), visibility.lens);
      return {
        direction: outgoing ? ('OUTGOING' as const) : ('INCOMING' as const),
        relationship: markLens(toRelationshipModel(r, outgoing ? id : other.id, outgoing ? other.id : id), visibility.lens),
        other,
      };
    });
    pages.set(id, { edges, hasNextPage: rows.length > args.first });
  }
  return pages;
}

/** How many relationships each entity has that match the connection's filters. One round trip. */
export async function countRelationshipsOf(
  db: Database,
  entityIds: readonly string[],
  args: Pick<RelationshipPageArgs, 'direction' | 'types' | 'provenance' | 'asOf' | 'knownAsOf'>,
  roleVisibility: Visibility,
): Promise<Map<string, number>> {
  const visibility = withLens(roleVisibility, pageLens(args));
  const params: Record<string, unknown> = { ids: entityIds, ...visibilityParameters(visibility) };
  const conditions = [visibleNodeCondition(visibility, 'm'), visibleRelationshipCondition(visibility, 'r', args.types)];
  const provenance = provenanceCondition('r', args.provenance, params, 'p');
  if (provenance) conditions.push(provenance);
  const { records } = await db.read<{ id: string; total: number }>(
    `UNWIND $ids AS id
     MATCH (n:Entity {id: id})
     CALL (n) {
       MATCH (n)${relationshipPattern(args.direction, args.types)}(m:Entity)
       WHERE ${whereClause(conditions)}
       RETURN count(r) AS total
     }
     RETURN id, total`,
    params,
  );
  return new Map(records.map((r) => [r.get('id'), r.get('total')]));
}

/**
 * Relationships by id, whatever their type: one index seek per type (relationship ids are indexed
 * per type), all in one round trip. One with an end hidden from the role is missing, like an unknown id.
 */
export async function findRelationshipsByIds(db: Database, ids: readonly string[], visibility: Visibility): Promise<Map<string, RelationshipModel>> {
  const visible = whereClause([visibleNodeCondition(visibility, 'a'), visibleNodeCondition(visibility, 'b')]);
  const { records } = await db.read<{ r: Relationship; fromId: string; toId: string }>(
    `UNWIND $ids AS id
     CALL (id) {
       ${RELATIONSHIP_TYPES.map((type) => `MATCH (a)-[r:${type} {id: id}]->(b) WHERE ${visible} RETURN r, a.id AS fromId, b.id AS toId`).join('\n       UNION\n       ')}
     }
     RETURN r, fromId, toId`,
    { ids },
  );
  return new Map(records.map((record) => {
    const model = toRelationshipModel(record.get('r'), record.get('fromId'), record.get('toId'));
    return [model.id, model];
  }));
}

/** Which transfers to list (see TransferFilter in schema/money.graphql). */
export interface TransferListQuery {
  from: string | null;
  to: string | null;
  since: string | null;
  until: string | null;
  minAmountUsd: number | null;
  maxAmountUsd: number | null;
  currency: string | null;
  provenance: ProvenanceFilter | null | undefined;
  sort: 'AT' | 'AMOUNT_USD';
  direction: 'ASC' | 'DESC';
  first: number;
  after: { value: string | number | null; id: string } | undefined;
  /**
   * What the selection reads of the transfers and of the accounts at their ends (the look-ahead's
   * propertiesRead); all when absent. Projected accounts come back marked `projected`.
   */
  reads?: { transfers: Properties; accounts: Properties };
  /** How the cursor condition is written (only tests ask for the reference form). */
  keyset?: KeysetForm;
  /** Count every match (over all pages) in the same statement. */
  countTotal?: boolean;
}

const TRANSFER_SORT = { AT: "coalesce(r.at, '')", AMOUNT_USD: 'coalesce(r.amountUsd, -1.0)' } as const;

function transferMatch(query: Pick<TransferListQuery, 'from' | 'to'>): string {
  // Anchor the pattern on the account given, so the planner starts from an index seek. The other
  // ends carry no label test: TRANSFERRED joins accounts only (the model's rule for its ends), and
  // a label per end was a third of the db hits of a window's page (83,045 → 30,155 at 1M).
  if (query.from !== null) return 'MATCH (a:Entity {id: $from})-[r:TRANSFERRED]->(b)';
  if (query.to !== null) return 'MATCH (b:Entity {id: $to})<-[r:TRANSFERRED]-(a)';
  return 'MATCH (a)-[r:TRANSFERRED]->(b)';
}

/**
 * The sort expression: the bare property when a filter on it already excludes nulls (a time window
 * for AT, an amount bound for AMOUNT_USD), so the planner reads the range in index order (PartialTop)
 * instead of sorting every match; the null-safe expression otherwise. Equal for every row either way.
 */
function transferSort(query: TransferListQuery): string {
  if (query.sort === 'AT' && (query.since !== null || query.until !== null)) return 'r.at';
  if (query.sort === 'AMOUNT_USD' && (query.minAmountUsd !== null || query.maxAmountUsd !== null)) return 'r.amountUsd';
  return TRANSFER_SORT[query.sort];
}

/** The transfer list's filters as conditions over `r` and its far end `b`; values bound as `$<filter>`. */
const TRANSFER_FILTERS = {
  to: 'b.id = $to',
  since: 'r.at >= $since',
  until: 'r.at < $until',
  minAmountUsd: 'r.amountUsd >= $minAmountUsd',
  maxAmountUsd: 'r.amountUsd <= $maxAmountUsd',
  currency: 'r.currency = $currency',
} as const;

/**
 * Conditions for the filters given, and only those: a `$x IS NULL OR …` for every filter would be
 * evaluated on every transfer scanned (thousands for a hub account). One plan per combination.
 */
function transferConditions(query: TransferListQuery, params: Record<string, unknown>, visibility: Visibility): string[] {
  // A transfer to or from an account hidden from the role (held only by victims) is not listed.
  const conditions: string[] = [visibleNodeCondition(visibility, 'a', ['Account']), visibleNodeCondition(visibility, 'b', ['Account'])];
  // Under a time lens (the list's asOf / knownAsOf), only the transfers of that date and knowledge.
  const lens = visibleRelationshipCondition(visibility, 'r', ['TRANSFERRED']);
  if (lens !== 'true') conditions.push(lens);
  Object.assign(params, visibilityParameters(visibility));
  const add = (name: keyof typeof TRANSFER_FILTERS, value: unknown) => {
    if (value === null || value === undefined) return;
    params[name] = value;
    conditions.push(TRANSFER_FILTERS[name]);
  };
  params['from'] = query.from;
  params['to'] = query.to;
  // The anchor (transferMatch) fixes one end; with both given, the other is a condition.
  if (query.from !== null) add('to', query.to);
  add('since', query.since);
  add('until', query.until);
  add('minAmountUsd', query.minAmountUsd);
  add('maxAmountUsd', query.maxAmountUsd);
  add('currency', query.currency);
  const provenance = provenanceCondition('r', query.provenance, params, 'p');
  if (provenance) conditions.push(provenance);
  return conditions;
}

/** A keyset page of transfers, filtered by accounts, time window and amount. */
export async function listTransfers(db: Database, query: TransferListQuery, visibility: Visibility): Promise<{ rows: Array<{ transfer: RelationshipModel; from: EntityModel; to: EntityModel; sortValue: string | number }>; hasNextPage: boolean; totalCount: number | null }> {
  const params: Record<string, unknown> = {};
  const conditions = transferConditions(query, params, visibility);
  const sort = query.keyset === 'reference' ? TRANSFER_SORT[query.sort] : transferSort(query);
  const reads = query.reads ?? { transfers: 'all', accounts: 'all' };
  const page = `${transferMatch(query)}
     WHERE ${whereClause(conditions)}
       AND ${afterCursorCondition(sort, 'r.id', query.direction, query.after !== undefined, query.keyset) ?? 'true'}
     WITH r, a, b, ${sort} AS sortValue
     ORDER BY sortValue ${query.direction}, r.id ${query.direction}
     LIMIT $limit`;
  // A row is a list of values, not maps: a map sends and decodes every key with every row (20 a page).
  const transferColumns = columnsOf(reads.transfers, RELATIONSHIP_BASE_PROPERTIES, RELATIONSHIP_PROPERTY_NAMES);
  const accountColumns = columnsOf(reads.accounts, ENTITY_BASE_PROPERTIES, ENTITY_PROPERTY_NAMES);
  const row = `[${[...rowColumns('r', transferColumns), ...rowColumns('a', accountColumns), ...rowColumns('b', accountColumns), 'sortValue'].join(', ')}]`;
  const pageParams = { ...params, afterValue: query.after?.value ?? null, afterId: query.after?.id ?? null, limit: int(query.first + 1) };
  type Row = unknown[];
  let found: Row[];
  let totalCount: number | null = null;
  if (query.countTotal) {
    // The page and the total in one round trip (two reads of the matches inside it); collect keeps the page's order.
    const { records } = await db.read<{ total: number; rows: Row[] }>(
      `CALL () { ${transferMatch(query)} WHERE ${whereClause(conditions)} RETURN count(r) AS total }
       CALL () { ${page} RETURN collect(${row}) AS rows }
       RETURN total, rows`,
      pageParams,
    );
    found = records[0]?.get('rows') ?? [];
    totalCount = records[0]?.get('total') ?? 0;
  } else {
    const { records } = await db.read<{ row: Row }>(`${page} RETURN ${row} AS row`, pageParams);
    found = records.map((record) => record.get('row'));
  }
  const account = (row: Row, offset: number) => {
    // Transfers join accounts only (the domain model's ends for TRANSFERRED).
    const model = markLens(entityModelOf('Account', rowProperties(accountColumns, row, offset), accountColumns), visibility.lens);
    if (accountColumns !== 'all') model.projected = true;
    return model;
  };
  const fromAt = rowWidth(transferColumns);
  const toAt = fromAt + rowWidth(accountColumns);
  const sortValueAt = toAt + rowWidth(accountColumns);
  return {
    // The accounts at both ends come along, so `from`/`to` cost no further round trip.
    rows: found.slice(0, query.first).map((row) => {
      const from = account(row, fromAt);
      const to = account(row, toAt);
      const sortValue = row[sortValueAt] as string | number;
      const transfer = markLens(relationshipModelOf('TRANSFERRED', rowProperties(transferColumns, row, 0), from.id, to.id), visibility.lens);
      transfer.fetchedFrom = from;
      transfer.fetchedTo = to;
      return { transfer, from, to, sortValue };
    }),
    hasNextPage: found.length > query.first,
    totalCount,
  };
}

export async function countTransfers(db: Database, query: TransferListQuery, visibility: Visibility): Promise<number> {
  const params: Record<string, unknown> = {};
  const conditions = transferConditions(query, params, visibility);
  const { records } = await db.read<{ total: number }>(`${transferMatch(query)} WHERE ${whereClause(conditions)} RETURN count(r) AS total`, params);
  return records[0]?.get('total') ?? 0;
}
