import { int } from 'neo4j-driver';
import type { Database, ObservedTransaction, StatementPiece } from '../database/index.js';
import { chainHash, contentOf, GENESIS_HASH, type AuditEventContent, type AuditEventRecord } from './auditEvent.js';
import { canonicalJson } from './canonicalJson.js';

/**
 * The audit log's Cypher. `:AuditEvent` nodes stand alone: no relationships, no `:Entity` label, so
 * no entity query, traversal, search or export can reach them. Every value is a parameter.
 */

/** The one head node of the chain: the last sequence number and hash. */
export const AUDIT_HEAD_ID = 'audit';

/** The stored properties of an event, read back in one map. */
const EVENT_FIELDS = `a {.seq, .hash, .kind, .at, .requestId, .subject, .role, .operationName, .documentHash, .entityIds, .fields, .mutation, .inputHash, .status, .reason}`;

/** Where the chain's head was after this process's last append, per database (views share a driver). */
const lastAppended = new WeakMap<object, ChainHead>();

interface ChainHead { seq: number; hash: string }

/**
 * Where this process's appends left the head, to put back when the transaction that appended rolls
 * back (a mutation sends its append before it knows the write is refused): the next append then
 * guesses right. Writes from one process take turns, so nothing of this process appended between.
 */
export function chainHeadGuess(db: Pick<Database, 'driver'>): { restore(): void } {
  const head = lastAppended.get(db.driver);
  return { restore: () => (head ? lastAppended.set(db.driver, head) : lastAppended.delete(db.driver)) };
}

/** The records that follow `head`, numbered and hashed. */
function chained(head: ChainHead, events: readonly AuditEventContent[]): { records: AuditEventRecord[]; head: ChainHead } {
  let { seq, hash } = head;
  const records: AuditEventRecord[] = [];
  for (const event of events) {
    seq += 1;
    hash = chainHash(hash, seq, event);
    records.push({ ...contentOf(event), seq, hash });
  }
  return { records, head: { seq, hash } };
}

/** As stored: integers as integers (a JavaScript number would be stored as a float). */
function storedRecords(records: readonly AuditEventRecord[]): Record<string, unknown>[] {
  return records.map((record) => ({ ...record, seq: int(record.seq), status: record.status === null ? null : int(record.status) }));
}

/**
 * Appends events to the chain inside the caller's write transaction. Taking the head's write lock
 * first (`SET h._lock`) serialises appends from every API process sharing the database: the next
 * appender waits until this transaction commits or rolls back, then reads the head it left. The
 * lock is taken in one clause and the head read in the next, so the read sees the latest commit.
 *
 * The hashes are computed here, and need the head. One statement when the head is where this
 * process's last append left it (`db` says which database): the records are hashed against that
 * and written only if the head read under the lock is that one. Otherwise (another process
 * appended, or that transaction rolled back) the statement writes nothing and returns the head,
 * and a second statement appends against it: the plain path, as every append once was.
 */
export async function appendAuditEvents(tx: ObservedTransaction, events: readonly AuditEventContent[], db: Pick<Database, 'driver'>): Promise<AuditEventRecord[]> {
  if (events.length === 0) return [];
  const append = auditAppendPiece(events, db);
  const { records } = await tx.run(`CALL () { ${append.piece.cypher} } RETURN ${append.piece.columns.join(', ')}`, append.piece.params);
  return append.complete(tx, records[0]?.toObject() ?? {});
}

/**
 * appendAuditEvents' first statement as a piece of another write's statement (the write and its
 * audit record in one statement: src/graph/writes.ts embeds it), and `complete`, which takes the
 * piece's values and finishes the append (a second statement when the head was not where this
 * process left it). Its columns and parameters are named `audit…`, apart from the host's.
 */
export function auditAppendPiece(events: readonly AuditEventContent[], db: Pick<Database, 'driver'>): {
  piece: StatementPiece;
  complete(tx: ObservedTransaction, values: Record<string, unknown>): Promise<AuditEventRecord[]>;
} {
  const expected = lastAppended.get(db.driver);
  const guess = expected ? chained(expected, events) : undefined;
  const piece: StatementPiece = {
    cypher: `MERGE (auditHead:AuditHead {id: $auditHeadId})
       ON CREATE SET auditHead.seq = $auditZero, auditHead.hash = $auditGenesis
     SET auditHead._lock = true
     WITH auditHead
     WITH auditHead, auditHead.seq = $auditExpectedSeq AND auditHead.hash = $auditExpectedHash AS auditAppended
     FOREACH (_ IN CASE WHEN auditAppended THEN [1] ELSE [] END |
       FOREACH (record IN $auditRecords | CREATE (a:AuditEvent) SET a = record)
       SET auditHead.seq = $auditSeq, auditHead.hash = $auditHash
       REMOVE auditHead._lock)
     RETURN auditAppended, auditHead.seq AS auditHeadSeq, auditHead.hash AS auditHeadHash`,
    params: {
      auditHeadId: AUDIT_HEAD_ID, auditGenesis: GENESIS_HASH, auditZero: int(0),
      auditExpectedSeq: expected ? int(expected.seq) : null, auditExpectedHash: expected?.hash ?? null,
      auditRecords: guess ? storedRecords(guess.records) : [], auditSeq: guess ? int(guess.head.seq) : null, auditHash: guess?.head.hash ?? null,
    },
    columns: ['auditAppended', 'auditHeadSeq', 'auditHeadHash'],
  };
  return {
    piece,
    async complete(tx, values) {
      if (guess && values['auditAppended'] === true) {
        lastAppended.set(db.driver, guess.head);
        return guess.records;
      }
      const { records, head: next } = chained({ seq: Number(values['auditHeadSeq'] ?? 0), hash: String(values['auditHeadHash'] ?? GENESIS_HASH) }, events);
      await tx.run(
        `UNWIND $records AS record
         CREATE (a:AuditEvent)
         SET a = record
         WITH count(a) AS appended
         MATCH (h:AuditHead {id: $headId})
         SET h.seq = $seq, h.hash = $hash
         REMOVE h._lock`,
        { records: storedRecords(records), headId: AUDIT_HEAD_ID, seq: int(next.seq), hash: next.hash },
      );
      lastAppended.set(db.driver, next);
      return records;
    },
  };
}

/** Per driver: whether the database has APOC's `apoc.util.sha256` (the embedded default has APOC core). */
const hashesInCypher = new WeakMap<object, Promise<boolean>>();

/**
 * Whether an append can hash its record in its own statement (auditAppendHashedPiece): APOC's
 * sha256 is there. Asked once per database; a failed question is asked again next time.
 */
export function canHashInCypher(db: Database): Promise<boolean> {
  let known = hashesInCypher.get(db.driver);
  if (!known) {
    known = db.read<{ found: boolean }>("SHOW FUNCTIONS YIELD name WHERE name = 'apoc.util.sha256' RETURN count(*) > 0 AS found").then(
      (result) => result.records[0]?.get('found') === true,
      () => {
        hashesInCypher.delete(db.driver);
        return false;
      },
    );
    hashesInCypher.set(db.driver, known);
  }
  return known;
}

/** A sequence number no record has, marking where the number goes in the record's canonical JSON. */
const SEQ_MARK = Number.MAX_SAFE_INTEGER;

/**
 * One event's append as a piece of a write's statement that numbers and hashes the record itself,
 * under the head's lock, with APOC's sha256 over the same text chainHash hashes (the previous hash,
 * then the record's canonical JSON, the number put in where SEQ_MARK stood): no guess of the head,
 * so no turn to keep the guess right, and appends from any number of writers chain in the order
 * they take the lock. Undefined when the mark cannot be told apart in the text (never, for JSON
 * whose strings are escaped). `complete` takes the piece's values (`auditSeq`, `auditHash`).
 */
export function auditAppendHashedPiece(event: AuditEventContent, db: Pick<Database, 'driver'>): {
  piece: StatementPiece;
  complete(values: Record<string, unknown>): AuditEventRecord[];
} | undefined {
  const content = contentOf(event);
  const [before, after, ...more] = canonicalJson({ seq: SEQ_MARK, ...content }).split(`"seq":${SEQ_MARK}`);
  if (before === undefined || after === undefined || more.length > 0) return undefined;
  const { seq: _seq, hash: _hash, ...stored } = storedRecords([{ ...content, seq: 0, hash: '' }])[0]!;
  const piece: StatementPiece = {
    cypher: `MERGE (auditHead:AuditHead {id: $auditHeadId})
       ON CREATE SET auditHead.seq = $auditZero, auditHead.hash = $auditGenesis
     SET auditHead._lock = true
     WITH auditHead, auditHead.seq + 1 AS auditSeq
     WITH auditHead, auditSeq, apoc.util.sha256([auditHead.hash, $auditJsonBefore, toString(auditSeq), $auditJsonAfter]) AS auditHash
     CREATE (auditEvent:AuditEvent)
     SET auditEvent = $auditRecord, auditEvent.seq = auditSeq, auditEvent.hash = auditHash
     SET auditHead.seq = auditSeq, auditHead.hash = auditHash
     REMOVE auditHead._lock
     RETURN auditSeq, auditHash`,
    params: { auditHeadId: AUDIT_HEAD_ID, auditGenesis: GENESIS_HASH, auditZero: int(0), auditJsonBefore: `${before}"seq":`, auditJsonAfter: after, auditRecord: stored },
    columns: ['auditSeq', 'auditHash'],
  };
  return {
    piece,
    complete(values) {
      const head = { seq: Number(values['auditSeq']), hash: String(values['auditHash']) };
      // Writers append concurrently: the guess of the transactions' path is the furthest head seen.
      if ((lastAppended.get(db.driver)?.seq ?? -1) < head.seq) lastAppended.set(db.driver, head);
      return [{ ...content, ...head }];
    },
  };
}

export interface AuditEventFilter {
  subject?: string | null | undefined;
  entityId?: string | null | undefined;
  /** From this instant, inclusive (an `at` string). */
  since?: string | null | undefined;
  /** Up to this instant, exclusive. */
  until?: string | null | undefined;
}

export interface AuditEventPage {
  events: AuditEventRecord[];
  hasNextPage: boolean;
  totalCount: number;
}

/**
 * A page of events, newest first (by sequence number), after the event `afterSeq` when given. Only
 * the conditions of the filters given are written into the query (each one fixed text with a
 * parameter), so the `at` and `subject` indexes can serve them.
 */
export async function findAuditEvents(db: Database, filter: AuditEventFilter, first: number, afterSeq: number | undefined): Promise<AuditEventPage> {
  const conditions: string[] = [];
  if (filter.subject != null) conditions.push('a.subject = $subject');
  if (filter.entityId != null) conditions.push('$entityId IN a.entityIds');
  if (filter.since != null) conditions.push('a.at >= $since');
  if (filter.until != null) conditions.push('a.at < $until');
  const where = (extra: string[]) => {
    const all = [...conditions, ...extra];
    return all.length > 0 ? `WHERE ${all.join(' AND ')}` : '';
  };
  const params = {
    subject: filter.subject ?? null,
    entityId: filter.entityId ?? null,
    since: filter.since ?? null,
    until: filter.until ?? null,
    afterSeq: afterSeq === undefined ? null : int(afterSeq),
    limit: int(first + 1),
  };
  return db.readTransaction(async (tx) => {
    const page = await tx.run<{ event: Record<string, unknown> }>(
      `MATCH (a:AuditEvent) ${where(afterSeq === undefined ? [] : ['a.seq < $afterSeq'])}
       RETURN ${EVENT_FIELDS} AS event
       ORDER BY a.seq DESC
       LIMIT $limit`,
      params,
    );
    const count = await tx.run<{ total: number }>(`MATCH (a:AuditEvent) ${where([])} RETURN count(a) AS total`, params);
    const events = page.records.map((record) => eventOf(record.get('event')));
    return { events: events.slice(0, first), hasNextPage: events.length > first, totalCount: Number(count.records[0]?.get('total') ?? 0) };
  });
}

/** Events from sequence number `fromSeq` upwards, in order, at most `limit` (for verification). */
export async function readChainSegment(db: Database, fromSeq: number, limit: number): Promise<AuditEventRecord[]> {
  const { records } = await db.read<{ event: Record<string, unknown> }>(
    `MATCH (a:AuditEvent) WHERE a.seq >= $fromSeq
     RETURN ${EVENT_FIELDS} AS event
     ORDER BY a.seq
     LIMIT $limit`,
    { fromSeq: int(fromSeq), limit: int(limit) },
  );
  return records.map((record) => eventOf(record.get('event')));
}

/** The head: the sequence number and hash of the last event appended; absent before the first. */
export async function readChainHead(db: Database): Promise<{ seq: number; hash: string } | undefined> {
  const { records } = await db.read<{ seq: number; hash: string }>(
    'MATCH (h:AuditHead {id: $headId}) RETURN h.seq AS seq, h.hash AS hash',
    { headId: AUDIT_HEAD_ID },
  );
  const head = records[0];
  return head ? { seq: Number(head.get('seq')), hash: String(head.get('hash')) } : undefined;
}

/** A stored event as the model has it: lists always lists, missing properties null. */
function eventOf(stored: Record<string, unknown>): AuditEventRecord {
  return {
    ...contentOf(stored as unknown as AuditEventContent),
    seq: Number(stored['seq']),
    hash: String(stored['hash']),
    status: stored['status'] == null ? null : Number(stored['status']),
  };
}
