import { int, type Node } from 'neo4j-driver';
import { MONEY_TRAIL_MAX_HOPS } from '../config/index.js';
import type { Database } from '../database/index.js';
import type { EntityModel, MoneyTrailModel, RelationshipModel, TrailAccountModel } from '../model/index.js';
import { markLens, visibilityParameters, visibleNodeCondition, visibleRelationshipCondition, type Visibility } from '../policy/index.js';
import {
  columnsOf, ENTITY_BASE_PROPERTIES, ENTITY_PROPERTY_NAMES, RELATIONSHIP_BASE_PROPERTIES, RELATIONSHIP_PROPERTY_NAMES, rowColumns, rowProperties,
  type Columns, type Properties,
} from './projection.js';
import { entityModelOf, relationshipModelOf, toEntityModel } from './records.js';

export interface MoneyTrailArgs {
  /** The account to start from: looked up in the trail's own statement. */
  accountId: string;
  direction: 'DOWNSTREAM' | 'UPSTREAM';
  maxHops: number;
  since: string | null;
  until: string | null;
  minAmountUsd: number | null;
  maxAccounts: number;
  /**
   * The stored properties the caller reads of the trail's accounts and transfers (the GraphQL
   * selection, through the look-ahead planner's moneyTrailReads); all when absent. Accounts read with fewer
   * come back marked `projected`.
   */
  reads?: MoneyTrailReads;
}

export interface MoneyTrailReads {
  accounts: Properties;
  transfers: Properties;
  /** Whether traced amounts are read: they need every trail account's total in and out. */
  traced: boolean;
}

const READ_ALL: MoneyTrailReads = { accounts: 'all', transfers: 'all', traced: true };
/** What the trail itself needs of every transfer: the time it respects and the amounts it sums. */
const TRANSFER_BASE_PROPERTIES = ['at', 'amountUsd'];

/** The trail, or why there is none: no entity has the id (origin null), or it is not an Account (trail null). */
export interface MoneyTrailResult {
  origin: EntityModel | null;
  trail: MoneyTrailModel | null;
}

/** Rows one hop may bring back, per account allowed: bounds a hop over a hub account. */
const ROWS_PER_ACCOUNT = 20;

/**
 * What one hop returns: the transfers it keeps (to accounts it reached, and cycles), in row order,
 * each as [its columns' values, fromId, toId]; and those accounts in the order first reached, each
 * as its columns' values. Lists, not maps: a trail of a few hundred transfers sent every key with
 * every row for the driver to decode.
 */
type HopResult = [rows: Array<[values: unknown[], fromId: string, toId: string]>, accounts: unknown[][]];

interface TrailColumns { transfers: Columns; accounts: Columns }

/** The columns the trail's rows carry: what the selection reads, and what the walk needs of every transfer. */
function trailColumns(reads: MoneyTrailReads): TrailColumns {
  return {
    transfers: columnsOf(reads.transfers, [...RELATIONSHIP_BASE_PROPERTIES, ...TRANSFER_BASE_PROPERTIES], RELATIONSHIP_PROPERTY_NAMES),
    accounts: columnsOf(reads.accounts, ENTITY_BASE_PROPERTIES, ENTITY_PROPERTY_NAMES),
  };
}

/**
 * One hop of the walk, as Cypher over the variables the statement carries from hop to hop:
 * `frontier` (accounts reached at the previous hop, each with the time bound its money arrived at),
 * `seen` (ids on the trail so far, the origin first), `reachedCount`, `hops` (what each hop kept)
 * and `truncated`.
 *
 * Row by row in time order, the rule of the hop-by-hop walk this statement replaced: a transfer to
 * an account already on the trail is a cycle (reported, not followed); otherwise its account is
 * reached at this hop if there is room under maxAccounts — the first accounts in row order take
 * the room, a transfer to an account left out is dropped and the trail truncated.
 */
function hop(downstream: boolean, columns: TrailColumns, visibility: Visibility): string {
  const pattern = downstream ? '(a)-[r:TRANSFERRED]->(b:Entity)' : '(a)<-[r:TRANSFERRED]-(b:Entity)';
  const ends = downstream ? 'fromId: f.id, toId: b.id' : 'fromId: b.id, toId: f.id';
  const later = downstream ? '>=' : '<=';
  // Downstream money leaves an account at or after it first arrived; upstream, it reached an
  // account at or before the latest it could have left it towards the origin.
  const arrival = downstream ? 'min' : 'max';
  return `
    CALL (frontier, seen) {
      UNWIND frontier AS f
      WITH f, f.node AS a
      MATCH ${pattern}
      WHERE (f.bound IS NULL OR r.at ${later} f.bound)
        AND ($since IS NULL OR r.at >= $since) AND ($until IS NULL OR r.at < $until)
        AND ($minAmountUsd IS NULL OR r.amountUsd >= $minAmountUsd)
        AND ${visibleNodeCondition(visibility, 'b', ['Account'])} AND ${visibleRelationshipCondition(visibility, 'r', ['TRANSFERRED'])}
      WITH f, r, b ORDER BY r.at ${downstream ? 'ASC' : 'DESC'}, r.id LIMIT $rowLimit
      RETURN collect({r: [${rowColumns('r', columns.transfers).join(', ')}], at: r.at, ${ends}, b: b, farId: b.id, cycle: b.id IN seen}) AS found
    }
    WITH o, seen, reachedCount, hops, truncated OR size(found) > $rowCap AS truncated, found[0..$rowCap] AS rows
    CALL (rows) {
      UNWIND range(0, size(rows) - 1) AS i
      WITH i, rows[i] AS x WHERE NOT x.cycle
      WITH x.b AS node, x.farId AS id, min(i) AS first, ${arrival}(x.at) AS bound
      ORDER BY first
      RETURN collect({node: node, id: id, bound: bound, properties: [${rowColumns('node', columns.accounts).join(', ')}]}) AS fresh
    }
    WITH o, seen, reachedCount, hops, truncated, rows, fresh, $maxAccounts - 1 - reachedCount AS room
    WITH o, seen, reachedCount, hops, truncated, rows, fresh, CASE WHEN room > 0 THEN fresh[0..room] ELSE [] END AS taken
    WITH o, seen, reachedCount, hops, truncated OR size(taken) < size(fresh) AS truncated, rows, taken, [t IN taken | t.id] AS takenIds
    WITH o, seen + takenIds AS seen, reachedCount + size(taken) AS reachedCount, truncated, taken AS frontier,
         hops + [[
           [x IN rows WHERE x.cycle OR x.farId IN takenIds | [x.r, x.fromId, x.toId]],
           [t IN taken | t.properties]
         ]] AS hops`;
}

/**
 * The whole trail in one statement: the origin, `maxHops` hops unrolled from the hop template, and
 * whether money goes on beyond the last hop. The text depends only on the direction and the hop
 * count (a validated integer up to MONEY_TRAIL_MAX_HOPS); every value is a parameter.
 */
export function moneyTrailStatement(direction: 'DOWNSTREAM' | 'UPSTREAM', maxHops: number, visibility: Visibility, reads: MoneyTrailReads = READ_ALL): string {
  if (!Number.isInteger(maxHops) || maxHops < 1 || maxHops > MONEY_TRAIL_MAX_HOPS) throw new Error(`maxHops must be from 1 to ${MONEY_TRAIL_MAX_HOPS} (got ${maxHops})`);
  const downstream = direction === 'DOWNSTREAM';
  const columns = trailColumns(reads);
  // An origin hidden from the role (an account held only by victims) is not found; no hop reaches one.
  return `OPTIONAL MATCH (o:Entity {id: $accountId}) WHERE ${visibleNodeCondition(visibility, 'o')}
    WITH o, CASE WHEN o:Account THEN [{node: o, id: o.id, bound: null}] ELSE [] END AS frontier,
         [o.id] AS seen, 0 AS reachedCount, [] AS hops, false AS truncated
    ${Array.from({ length: maxHops }, () => hop(downstream, columns, visibility)).join('\n')}
    CALL (frontier, truncated) {
      UNWIND CASE WHEN truncated THEN [] ELSE frontier END AS f
      WITH f, f.node AS a
      MATCH ${downstream ? '(a)-[r:TRANSFERRED]->(b)' : '(a)<-[r:TRANSFERRED]-(b)'}
      // Only money the trail would follow counts as more: the same time, amount and visibility filters as a hop.
      WHERE (f.bound IS NULL OR r.at ${downstream ? '>=' : '<='} f.bound)
        AND ($since IS NULL OR r.at >= $since) AND ($until IS NULL OR r.at < $until)
        AND ($minAmountUsd IS NULL OR r.amountUsd >= $minAmountUsd)
        AND ${visibleNodeCondition(visibility, 'b', ['Account'])} AND ${visibleRelationshipCondition(visibility, 'r', ['TRANSFERRED'])}
      WITH r LIMIT 1
      RETURN count(r) > 0 AS more
    }
    ${reads.traced ? accountFunds(visibility) : 'WITH o, hops, truncated, more, [] AS funds'}
    RETURN o AS origin, hops, truncated OR more AS truncated, funds`;
}

/**
 * Every trail account's funds in the window, for proportional tracing: US dollars in and out over
 * transfers with accounts the role may see (a hidden counterparty would otherwise show in the share).
 */
function accountFunds(visibility: Visibility): string {
  const window = '($since IS NULL OR r.at >= $since) AND ($until IS NULL OR r.at < $until)';
  return `CALL (seen) {
      UNWIND seen AS id
      MATCH (a:Entity {id: id})
      CALL (a) { OPTIONAL MATCH (a)<-[r:TRANSFERRED]-(c) WHERE ${window} AND ${visibleNodeCondition(visibility, 'c', ['Account'])} AND ${visibleRelationshipCondition(visibility, 'r', ['TRANSFERRED'])} RETURN sum(coalesce(r.amountUsd, 0.0)) AS inUsd }
      CALL (a) { OPTIONAL MATCH (a)-[r:TRANSFERRED]->(c) WHERE ${window} AND ${visibleNodeCondition(visibility, 'c', ['Account'])} AND ${visibleRelationshipCondition(visibility, 'r', ['TRANSFERRED'])} RETURN sum(coalesce(r.amountUsd, 0.0)) AS outUsd }
      RETURN collect([id, inUsd, outUsd]) AS funds
    }`;
}

/**
 * Proportional tracing over the trail's hops (nearest first): the origin's share is 1; an account's
 * traced amount is the sum, over its trail transfers, of amount × the share of the account at the
 * other end; its own share is its traced amount over the larger of its funds in and out (so what it
 * passes on never exceeds what it got). Upstream the same with in and out swapped by the direction.
 */
function traceShares(accounts: ReadonlyArray<TrailAccountModel>, transfers: ReadonlyArray<RelationshipModel>, originId: string, funds: Map<string, { inUsd: number; outUsd: number }>, downstream: boolean): void {
  const share = new Map<string, number>([[originId, 1]]);
  const into = new Map<string, RelationshipModel[]>();
  for (const transfer of transfers) {
    const near = downstream ? transfer.toId : transfer.fromId;
    into.set(near, [...(into.get(near) ?? []), transfer]);
  }
  for (const account of [...accounts].sort((a, b) => a.hops - b.hops)) {
    let traced = 0;
    for (const transfer of into.get(account.account.id) ?? []) {
      const amount = typeof transfer['amountUsd'] === 'number' ? transfer['amountUsd'] : 0;
      traced += amount * (share.get(downstream ? transfer.fromId : transfer.toId) ?? 0);
    }
    account.tracedAmountUsd = traced;
    const own = funds.get(account.account.id);
    const base = Math.max(own?.inUsd ?? 0, own?.outUsd ?? 0, traced);
    share.set(account.account.id, base > 0 ? traced / base : 0);
  }
}

/**
 * Follows money from an account, time-respecting: from each account only transfers at or after the
 * money first arrived there (downstream), or at or before the latest it could have left towards
 * the origin (upstream). An account is expanded once, at the hop it is first reached; a transfer
 * back to an account already on the trail is a cycle. One round trip: the statement above decides
 * which transfers and accounts the trail keeps; the totals are summed here from what it returns.
 */
export async function followMoney(db: Database, args: MoneyTrailArgs, visibility: Visibility): Promise<MoneyTrailResult> {
  const downstream = args.direction === 'DOWNSTREAM';
  const rowCap = args.maxAccounts * ROWS_PER_ACCOUNT;
  const reads = args.reads ?? READ_ALL;
  const { records } = await db.read<{ origin: Node | null; hops: HopResult[]; truncated: boolean; funds: Array<[string, number, number]> }>(moneyTrailStatement(args.direction, args.maxHops, visibility, reads), {
    accountId: args.accountId,
    since: args.since,
    until: args.until,
    minAmountUsd: args.minAmountUsd,
    maxAccounts: int(args.maxAccounts),
    rowCap: int(rowCap),
    rowLimit: int(rowCap + 1),
    ...visibilityParameters(visibility),
  });
  const record = records[0];
  const node = record?.get('origin') ?? null;
  if (!record || !node) return { origin: null, trail: null };
  const origin = markLens(toEntityModel(node), visibility.lens);
  if (origin.label !== 'Account') return { origin, trail: null };

  const reached = new Map<string, TrailAccountModel>();
  const transfers = new Map<string, RelationshipModel>();
  const cycles = new Map<string, RelationshipModel>();
  let totalAmountUsd = 0;
  const columns = trailColumns(reads);
  record.get('hops').forEach(([rows, accounts], index) => {
    const hops = index + 1;
    // Transfers join accounts only (the domain model's ends for TRANSFERRED).
    const fresh = new Map<string, TrailAccountModel>();
    for (const values of accounts) {
      const model = markLens(entityModelOf('Account', rowProperties(columns.accounts, values, 0)), visibility.lens);
      if (reads.accounts !== 'all') model.projected = true;
      const account: TrailAccountModel = { account: model, hops, amountUsd: 0, tracedAmountUsd: null, at: null, transferCount: 0 };
      fresh.set(account.account.id, account);
      reached.set(account.account.id, account);
    }
    for (const [values, fromId, toId] of rows) {
      const transfer = markLens(relationshipModelOf('TRANSFERRED', rowProperties(columns.transfers, values, 0), fromId, toId), visibility.lens);
      const account = fresh.get(downstream ? toId : fromId);
      // The statement keeps transfers to this hop's accounts and cycles, nothing else.
      if (!account) {
        cycles.set(transfer.id, transfer);
        continue;
      }
      transfers.set(transfer.id, transfer);
      const amount = typeof transfer['amountUsd'] === 'number' ? transfer['amountUsd'] : 0;
      const at = typeof transfer['at'] === 'string' ? transfer['at'] : null;
      account.amountUsd += amount;
      account.transferCount += 1;
      if (at !== null && (account.at === null || (downstream ? at < account.at : at > account.at))) account.at = at;
      const near = reached.get(downstream ? transfer.fromId : transfer.toId);
      if (near) near.transferCount += 1;
      if (hops === 1) totalAmountUsd += amount;
    }
  });

  if (reads.traced) {
    const funds = new Map(record.get('funds').map(([id, inUsd, outUsd]) => [id, { inUsd, outUsd }]));
    traceShares([...reached.values()], [...transfers.values()], origin.id, funds, downstream);
  }

  const byTime = (a: RelationshipModel, b: RelationshipModel) => String(a['at'] ?? '').localeCompare(String(b['at'] ?? '')) || a.id.localeCompare(b.id);
  return {
    origin,
    trail: {
      origin,
      direction: args.direction,
      accounts: [...reached.values()].sort((a, b) => a.hops - b.hops || (a.at ?? '').localeCompare(b.at ?? '')),
      transfers: [...transfers.values()].sort(byTime),
      cycles: [...cycles.values()].sort(byTime),
      totalAmountUsd,
      truncated: record.get('truncated'),
    },
  };
}
