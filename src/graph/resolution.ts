import { int, type Node } from 'neo4j-driver';
import { RESOLUTION_BLOCK_MAX, RESOLUTION_SCAN_BATCH, RESOLUTION_SCAN_MAX_KEYS } from '../config/index.js';
import type { Database, ObservedTransaction } from '../database/index.js';
import { ENTITY_LABELS, type EntityLabel, type EntityModel } from '../model/index.js';
import { blockingKeys, KEY_PREFIX, scorePair, type MatchReason, type ResolutionFacts } from '../model/resolution.js';
import { visibleNodeCondition, type Visibility } from '../policy/index.js';
import { toEntityModel } from './records.js';

/**
 * Entity resolution, the graph side: blocking keys kept in step with the entities, and the search
 * for duplicate candidates over them (merging is src/graph/merges.ts).
 *
 * Blocking. Every entity has one `(:ResolutionKey {key, entityId})` per blocking key
 * (src/model/resolution.ts: identifiers, the sorted tokens of each name, each word token and its
 * sound), the key prefixed with the kind: `Person|t:tesaliv`. Under a range index (migration 0011)
 * the keys of a kind are read in index order, and a block is a run of equal keys: only entities in
 * one block are ever compared. A page reads blocks from its cursor on until it has its pairs, so the
 * first page at 1M entities reads a few thousand keys, not the graph. A block with more than
 * RESOLUTION_BLOCK_MAX entities (a common word: "victim", "compound") is skipped and counted in
 * `skippedBlocks`; its entities are still compared through any other key they share.
 *
 * Each pair is reported once, in the first block (in key order) that holds both of them and is not
 * skipped; within a block pairs come by their ids. So the order is the blocks', not the scores':
 * `minScore` selects, paging goes on with `after`.
 *
 * Roles. Entities the role may not see are not read (visibleNodeCondition), and do not count in a
 * block's size. Phones and document numbers (protected) are keys and evidence only for roles that
 * read protected fields: for the others their keys are not read and their values not compared, so
 * the answer is exactly the one they would get if those values did not exist.
 */

/** Bumped when the keys an entity gets change: a store with another version builds them again. */
export const RESOLUTION_KEYS_VERSION = 1;

/** Blocks read (raw keys, hidden entities included) at most to count a block's visible members. */
const BLOCK_READ_MAX = RESOLUTION_BLOCK_MAX * 4;

/** Entities whose keys are rebuilt per transaction, and keys deleted per statement, in a rebuild. */
const REBUILD_BATCH = 10_000;

interface StoredFacts {
  id: string;
  labels: string[] | null;
  name: string | null;
  aliases: string[] | null;
  identifierText: string | null;
  protectedIdentifierText: string | null;
}

const FACTS_COLUMNS = 'n.id AS id, labels(n) AS labels, n.name AS name, n.aliases AS aliases, n.identifierText AS identifierText, n.protectedIdentifierText AS protectedIdentifierText';

function labelOf(labels: readonly string[]): EntityLabel | undefined {
  return ENTITY_LABELS.find((label) => labels.includes(label));
}

/** The stored key rows (`Kind|key`) of an entity: every key, protected ones included (the reader filters). */
function keyRows(facts: StoredFacts): Array<{ key: string; entityId: string }> {
  const label = facts.labels ? labelOf(facts.labels) : undefined;
  if (!label) return [];
  return blockingKeys({
    id: facts.id, label, name: facts.name ?? '', aliases: facts.aliases ?? [], identifierText: facts.identifierText, protectedIdentifierText: facts.protectedIdentifierText,
  }).map((key) => ({ key: `${label}|${key}`, entityId: facts.id }));
}

function readFacts(record: { get(key: string): unknown }): StoredFacts {
  return {
    id: String(record.get('id')), labels: record.get('labels') as string[] | null, name: record.get('name') as string | null,
    aliases: record.get('aliases') as string[] | null, identifierText: record.get('identifierText') as string | null,
    protectedIdentifierText: record.get('protectedIdentifierText') as string | null,
  };
}

/**
 * Replaces the stored blocking keys of these entities by their keys as stored now, in the caller's
 * write transaction (after its write): an entity that no longer exists keeps none. Every write path
 * calls it — mutations, imports, merges — and a start builds every key for a store that has none.
 */
export async function refreshResolutionKeys(tx: ObservedTransaction, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const unique = [...new Set(ids)];
  const { records } = await tx.run(`UNWIND $ids AS id OPTIONAL MATCH (n:Entity {id: id}) WITH id, n WHERE n IS NOT NULL RETURN ${FACTS_COLUMNS}`, { ids: unique });
  sendKeyReplacement(tx, unique, records.map(readFacts));
}

/**
 * The same for one entity the caller has just written and holds as stored (labels and properties
 * as the write returned them), so nothing is read back: both statements are sent without waiting.
 * `storedKeys`, when the write read them: its keys as stored, and nothing is sent when they are
 * the keys it has now (an update that changes no name, alias or identifier — most of them).
 */
export function refreshResolutionKeysOf(tx: ObservedTransaction, node: { labels: string[]; properties: Record<string, unknown> }, storedKeys?: readonly string[]): void {
  const p = node.properties;
  const id = String(p['id']);
  const facts: StoredFacts = {
    id, labels: node.labels, name: (p['name'] as string | undefined) ?? null, aliases: (p['aliases'] as string[] | undefined) ?? null,
    identifierText: (p['identifierText'] as string | undefined) ?? null, protectedIdentifierText: (p['protectedIdentifierText'] as string | undefined) ?? null,
  };
  if (storedKeys && sameKeys(storedKeys, keyRows(facts).map((row) => row.key))) return;
  sendKeyReplacement(tx, [id], [facts]);
}

/** The same keys, as many times each. */
function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const [x, y] = [[...a].sort(), [...b].sort()];
  return x.every((key, i) => key === y[i]);
}

/** Deletes the keys of `ids` and stores those of `facts`, in one statement: no answer needed, so sent (settled before the commit). */
function sendKeyReplacement(tx: ObservedTransaction, ids: readonly string[], facts: readonly StoredFacts[]): void {
  tx.send(
    `CALL () { UNWIND $ids AS id MATCH (k:ResolutionKey {entityId: id}) DELETE k }
     UNWIND $rows AS row CREATE (:ResolutionKey {key: row.key, entityId: row.entityId})`,
    { ids, rows: facts.flatMap(keyRows) },
  );
}

/** Whether the store's keys are current (built, at this version). */
async function resolutionKeysBuilt(db: Database): Promise<boolean> {
  const { records } = await db.read<{ version: unknown }>('OPTIONAL MATCH (s:ResolutionKeyState) RETURN s.version AS version LIMIT 1');
  return Number(records[0]?.get('version') ?? 0) === RESOLUTION_KEYS_VERSION;
}

/**
 * Builds every entity's blocking keys when the store has none at this version (a bulk-loaded store,
 * one written before resolution, or by an older version); returns whether it built them. Minutes
 * at 1M entities: run by a start (src/app.ts), like the dashboard tallies.
 */
export async function ensureResolutionKeys(db: Database): Promise<boolean> {
  if (await resolutionKeysBuilt(db)) return false;
  for (;;) {
    const { records } = await db.write<{ deleted: unknown }>('MATCH (k:ResolutionKey) WITH k LIMIT $batch DELETE k RETURN count(*) AS deleted', { batch: int(REBUILD_BATCH) });
    if (Number(records[0]?.get('deleted') ?? 0) === 0) break;
  }
  let after = '';
  for (;;) {
    const { records } = await db.read(`MATCH (n:Entity) WHERE n.id > $after RETURN ${FACTS_COLUMNS} ORDER BY n.id LIMIT $batch`, { after, batch: int(REBUILD_BATCH) });
    if (records.length === 0) break;
    const rows = records.flatMap((record) => keyRows(readFacts(record)));
    await db.write('UNWIND $rows AS row CREATE (:ResolutionKey {key: row.key, entityId: row.entityId})', { rows });
    after = String(records.at(-1)!.get('id'));
  }
  await db.write('MERGE (s:ResolutionKeyState {id: "state"}) SET s.version = $version', { version: int(RESOLUTION_KEYS_VERSION) });
  return true;
}

/** A pair likely to be one entity. `block` and `pairKey` place it in the order pages follow. */
export interface CandidatePair {
  a: EntityModel;
  b: EntityModel;
  score: number;
  reasons: MatchReason[];
  block: string;
  pairKey: string;
}

/** Where a page stopped: after `pairKey` within `block` (a pairKey past every pair's: after the whole block). */
export interface CandidatePosition {
  block: string;
  pairKey: string;
}

export interface CandidatePage {
  pairs: CandidatePair[];
  hasNextPage: boolean;
  /** Where the next page starts; null when there is none. */
  end: CandidatePosition | null;
  /** Blocks passed over because more entities than RESOLUTION_BLOCK_MAX share their key. */
  skippedBlocks: number;
  /** Blocking keys read by this page. */
  keysRead: number;
}

/** A pairKey after every pair's: a position after a whole block. */
export const AFTER_BLOCK = '\uffff';

interface Member {
  model: EntityModel;
  facts: ResolutionFacts;
  /** Its keys with the kind prefix, as this role has them. */
  keys: Set<string>;
}

/**
 * One page of duplicate candidates of a kind, from `after` on: up to `first` pairs scoring at least
 * `minScore`, read block by block in key order. Stops early (with hasNextPage and a position to go
 * on from) after RESOLUTION_SCAN_MAX_KEYS keys, so a request is never a whole-graph pass.
 */
export async function findDuplicateCandidates(
  db: Database, label: EntityLabel, first: number, after: CandidatePosition | undefined, minScore: number, visibility: Visibility,
  options: { scanMaxKeys?: number } = {},
): Promise<CandidatePage> {
  if (!(await resolutionKeysBuilt(db))) await ensureResolutionKeys(db.withTransactionTimeout(10 * 60 * 1000, 'the resolution key build (src/graph/resolution.ts)'));
  const scanMax = options.scanMaxKeys ?? RESOLUTION_SCAN_MAX_KEYS;
  const prefix = `${label}|`;
  // '}' follows '|': every key of the kind is below it.
  const end = `${label}}`;
  const hiddenPrefix = visibility.readsProtected ? null : `${prefix}${KEY_PREFIX.protectedIdentifier}`;
  const members = new Map<string, Member | null>();
  /** Visible members of blocks whose size is known, for the "first block that holds the pair" rule. */
  const processed = new Map<string, boolean>();
  const pairs: CandidatePair[] = [];
  let from = after?.block ?? prefix;
  let inclusive = true;
  let skipUpTo = after ? { block: after.block, pairKey: after.pairKey } : undefined;
  let skippedBlocks = 0;
  let keysRead = 0;
  let lastBlock: string | undefined;

  const loadMembers = async (ids: string[]) => {
    const missing = ids.filter((id) => !members.has(id));
    if (missing.length === 0) return;
    const { records } = await db.read<{ n: Node }>(
      `UNWIND $ids AS id MATCH (n:Entity {id: id}) WHERE n:${label} AND ${visibleNodeCondition(visibility, 'n', [label])} RETURN n`,
      { ids: missing },
    );
    for (const id of missing) members.set(id, null);
    for (const record of records) {
      const model = toEntityModel(record.get('n'));
      const facts: ResolutionFacts = {
        id: model.id, label, name: model.name, aliases: model.aliases,
        identifierText: (model['identifierText'] as string | null | undefined) ?? null,
        protectedIdentifierText: visibility.readsProtected ? ((model['protectedIdentifierText'] as string | null | undefined) ?? null) : null,
      };
      members.set(model.id, { model, facts, keys: new Set(blockingKeys(facts).map((key) => `${label}|${key}`)) });
    }
  };

  /** Whether blocks are compared: known, or counted now (visible members, raw keys up to BLOCK_READ_MAX). */
  const resolveProcessed = async (keys: string[]) => {
    const unknown = [...new Set(keys.filter((key) => !processed.has(key)))];
    if (unknown.length === 0) return;
    const { records } = await db.read<{ key: string; raw: unknown; visible: unknown }>(
      `UNWIND $keys AS key
       CALL (key) {
         MATCH (k:ResolutionKey {key: key}) WITH k LIMIT $readMax
         // Through the Entity.id constraint: a kind label's pattern would scan the kind.
         OPTIONAL MATCH (n:Entity {id: k.entityId}) WHERE n:${label} AND ${visibleNodeCondition(visibility, 'n', [label])}
         RETURN count(k) AS raw, count(n) AS visible
       }
       RETURN key, raw, visible`,
      { keys: unknown, readMax: int(BLOCK_READ_MAX + 1) },
    );
    for (const record of records) processed.set(record.get('key'), Number(record.get('raw')) <= BLOCK_READ_MAX && Number(record.get('visible')) <= RESOLUTION_BLOCK_MAX);
  };

  for (;;) {
    if (keysRead >= scanMax) {
      return { pairs: pairs.slice(0, first), hasNextPage: true, end: lastBlock ? { block: lastBlock, pairKey: AFTER_BLOCK } : (after ?? null), skippedBlocks, keysRead };
    }
    const { records } = await db.read<{ key: string; entityId: string }>(
      `MATCH (k:ResolutionKey) WHERE k.key ${inclusive ? '>=' : '>'} $from AND k.key < $end${hiddenPrefix ? ' AND NOT k.key STARTS WITH $hiddenPrefix' : ''}
       RETURN k.key AS key, k.entityId AS entityId ORDER BY k.key LIMIT $batch`,
      { from, end, hiddenPrefix, batch: int(RESOLUTION_SCAN_BATCH) },
    );
    keysRead += records.length;
    if (records.length === 0) return { pairs, hasNextPage: false, end: null, skippedBlocks, keysRead };
    const blocks: Array<{ key: string; ids: string[] }> = [];
    for (const record of records) {
      const key = record.get('key');
      const last = blocks.at(-1);
      if (last?.key === key) last.ids.push(record.get('entityId'));
      else blocks.push({ key, ids: [record.get('entityId')] });
    }
    const full = records.length === RESOLUTION_SCAN_BATCH;
    if (full && blocks.length === 1) {
      // One block filled the whole batch: far over the cap, skipped without reading the rest of it.
      skippedBlocks++;
      processed.set(blocks[0]!.key, false);
      lastBlock = blocks[0]!.key;
      from = lastBlock;
      inclusive = false;
      continue;
    }
    // The batch's last block may go on past it: read again from its start next time.
    const complete = full ? blocks.slice(0, -1) : blocks;
    const compared = complete.filter((block) => block.ids.length >= 2 && block.ids.length <= BLOCK_READ_MAX);
    for (const block of complete) if (block.ids.length > BLOCK_READ_MAX) processed.set(block.key, false);
    await loadMembers(compared.flatMap((block) => block.ids));

    // Pairs of each block, in order; which were met in an earlier compared block is settled below.
    const found: Array<{ block: string; pairKey: string; x: Member; y: Member; earlier: string[] }> = [];
    for (const block of complete) {
      if (block.ids.length > BLOCK_READ_MAX) {
        skippedBlocks++;
        continue;
      }
      if (block.ids.length < 2) continue;
      const visible = [...new Set(block.ids)].map((id) => members.get(id)).filter((m): m is Member => m != null).sort((p, q) => (p.model.id < q.model.id ? -1 : 1));
      if (visible.length > RESOLUTION_BLOCK_MAX) {
        processed.set(block.key, false);
        skippedBlocks++;
        continue;
      }
      processed.set(block.key, true);
      for (let i = 0; i < visible.length; i++) {
        for (let j = i + 1; j < visible.length; j++) {
          const x = visible[i]!;
          const y = visible[j]!;
          const pairKey = `${x.model.id}\u0000${y.model.id}`;
          if (skipUpTo && block.key === skipUpTo.block && pairKey <= skipUpTo.pairKey) continue;
          const earlier = [...x.keys].filter((key) => key < block.key && y.keys.has(key));
          found.push({ block: block.key, pairKey, x, y, earlier });
        }
      }
    }
    await resolveProcessed(found.flatMap((pair) => pair.earlier));
    for (const pair of found) {
      if (pair.earlier.some((key) => processed.get(key))) continue;
      const { score, reasons } = scorePair(pair.x.facts, pair.y.facts);
      if (score < minScore) continue;
      pairs.push({ a: pair.x.model, b: pair.y.model, score, reasons, block: pair.block, pairKey: pair.pairKey });
      if (pairs.length > first) {
        const last = pairs[first - 1]!;
        return { pairs: pairs.slice(0, first), hasNextPage: true, end: { block: last.block, pairKey: last.pairKey }, skippedBlocks, keysRead };
      }
    }
    skipUpTo = undefined;
    if (complete.length > 0) {
      lastBlock = complete.at(-1)!.key;
      from = lastBlock;
      inclusive = false;
    }
    if (!full) return { pairs, hasNextPage: false, end: null, skippedBlocks, keysRead };
  }
}
