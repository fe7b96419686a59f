import { int } from 'neo4j-driver';
import type { Database } from '../database/index.js';
import type { EntityModel, MoneyTrailModel, RelationshipModel, TrailAccountModel } from '../model/index.js';
import { entityModelOf, relationshipModelOf } from './records.js';

export interface MoneyTrailArgs {
  /** The account to start from, already looked up by the caller. */
  origin: EntityModel;
  direction: 'DOWNSTREAM' | 'UPSTREAM';
  maxHops: number;
  since: string | null;
  until: string | null;
  minAmountUsd: number | null;
  maxAccounts: number;
}

/** Rows one hop may bring back, per account allowed: bounds a hop over a hub account. */
const ROWS_PER_ACCOUNT = 20;

/**
 * Follows money hop by hop, the whole frontier in one round trip per hop. Time-respecting: from each
 * account only transfers at or after the money first arrived there (downstream), or at or before
 * the latest it could have left towards the origin (upstream). An account is expanded once, at the
 * hop it is first reached; a transfer back to an account already on the trail is a cycle.
 */
export async function followMoney(db: Database, args: MoneyTrailArgs): Promise<MoneyTrailModel> {
  const origin = args.origin;
  const downstream = args.direction === 'DOWNSTREAM';

  const reached = new Map<string, TrailAccountModel>();
  const transfers = new Map<string, RelationshipModel>();
  const cycles = new Map<string, RelationshipModel>();
  const onTrail = new Set([origin.id]);
  let frontier: Array<{ id: string; bound: string | null }> = [{ id: origin.id, bound: null }];
  let truncated = false;
  let totalAmountUsd = 0;

  for (let hop = 1; hop <= args.maxHops && frontier.length > 0; hop++) {
    const limit = args.maxAccounts * ROWS_PER_ACCOUNT;
    // Property maps, not whole nodes and relationships: no element ids or label lists to send and decode.
    const { records } = await db.read<{ r: Record<string, unknown>; fromId: string; toId: string; other: Record<string, unknown>; otherId: string }>(
      `UNWIND $frontier AS f
       MATCH (a:Entity {id: f.id})${downstream ? '-[r:TRANSFERRED]->' : '<-[r:TRANSFERRED]-'}(b:Entity)
       WHERE (f.bound IS NULL OR r.at ${downstream ? '>=' : '<='} f.bound)
         AND ($since IS NULL OR r.at >= $since) AND ($until IS NULL OR r.at < $until)
         AND ($minAmountUsd IS NULL OR r.amountUsd >= $minAmountUsd)
       RETURN r {.*} AS r, startNode(r).id AS fromId, endNode(r).id AS toId, b {.*} AS other, b.id AS otherId
       ORDER BY r.at ${downstream ? 'ASC' : 'DESC'}, r.id
       LIMIT $limit`,
      { frontier, since: args.since, until: args.until, minAmountUsd: args.minAmountUsd, limit: int(limit + 1) },
    );
    if (records.length > limit) truncated = true;

    const newlyReached: string[] = [];
    for (const record of records.slice(0, limit)) {
      const transfer = relationshipModelOf('TRANSFERRED', record.get('r'), record.get('fromId'), record.get('toId'));
      if (transfers.has(transfer.id) || cycles.has(transfer.id)) continue;
      const otherId = record.get('otherId');
      if (onTrail.has(otherId) && !newlyReached.includes(otherId)) {
        cycles.set(transfer.id, transfer);
        continue;
      }
      let account = reached.get(otherId);
      if (!account) {
        if (reached.size + 1 >= args.maxAccounts) {
          truncated = true;
          continue;
        }
        // Transfers join accounts only (the domain model's ends for TRANSFERRED).
        account = { account: entityModelOf('Account', record.get('other')), hops: hop, amountUsd: 0, at: null, transferCount: 0 };
        reached.set(otherId, account);
        newlyReached.push(otherId);
      }
      transfers.set(transfer.id, transfer);
      const amount = typeof transfer['amountUsd'] === 'number' ? transfer['amountUsd'] : 0;
      const at = typeof transfer['at'] === 'string' ? transfer['at'] : null;
      account.amountUsd += amount;
      account.transferCount += 1;
      if (at !== null && (account.at === null || (downstream ? at < account.at : at > account.at))) account.at = at;
      const nearId = downstream ? transfer.fromId : transfer.toId;
      const near = reached.get(nearId);
      if (near) near.transferCount += 1;
      if (hop === 1) totalAmountUsd += amount;
    }
    for (const id of newlyReached) onTrail.add(id);
    frontier = newlyReached.map((id) => ({ id, bound: reached.get(id)?.at ?? null }));
  }
  if (frontier.length > 0 && !truncated) {
    // Money went on beyond the hop cap?
    const more = await db.read<{ more: boolean }>(
      `UNWIND $frontier AS f MATCH (a:Entity {id: f.id})${downstream ? '-[r:TRANSFERRED]->' : '<-[r:TRANSFERRED]-'}()
       WHERE f.bound IS NULL OR r.at ${downstream ? '>=' : '<='} f.bound RETURN count(r) > 0 AS more`,
      { frontier },
    );
    truncated = more.records[0]?.get('more') === true;
  }

  const byTime = (a: RelationshipModel, b: RelationshipModel) => String(a['at'] ?? '').localeCompare(String(b['at'] ?? '')) || a.id.localeCompare(b.id);
  return {
    origin,
    direction: args.direction,
    accounts: [...reached.values()].sort((a, b) => a.hops - b.hops || (a.at ?? '').localeCompare(b.at ?? '')),
    transfers: [...transfers.values()].sort(byTime),
    cycles: [...cycles.values()].sort(byTime),
    totalAmountUsd,
    truncated,
  };
}

