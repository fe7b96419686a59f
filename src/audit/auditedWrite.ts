import type { QueryResult, Record as Neo4jRecord, RecordShape } from 'neo4j-driver';
import { isConnectionFailure, isDatabaseTimeout, isRetryable, StatementDeclined, type CypherParams, type Database, type ObservedTransaction, type StatementPiece } from '../database/index.js';
import { auditUnavailable } from '../errors/index.js';
import { appendAuditEvents, auditAppendHashedPiece, auditAppendPiece, canHashInCypher, chainHeadGuess } from './auditStore.js';
import type { AuditTrail } from './auditTrail.js';

/**
 * When a write's ids are known before it: `ids`, which its audit event names (the write's must be
 * these, else the transaction rolls back), and `carried`, the audit piece's values from the write's
 * answer when the write put the piece in its own statement (undefined when it did not).
 * `decides`: `work` can take the piece with `decides` set (src/graph/writes.ts WriteOptions): its
 * one statement then writes only when nothing refuses it or needs another statement, and the write
 * is first tried as that statement alone, auto-committed.
 */
export interface KnownSubjects<T> {
  ids: readonly string[];
  carried(result: T): Record<string, unknown> | undefined;
  decides?: boolean;
}

/** The work of a write: its statements in `tx`, with the audit append's piece to carry and whether its statement must decide alone. */
export type AuditedWork<T> = (tx: ObservedTransaction, auditPiece?: StatementPiece, decides?: boolean) => Promise<T>;

/** Everything auditedWrite takes about one write, for writing several together (auditedWritesTogether). */
export interface AuditedWriteSpec<T> {
  mutation: string;
  args: unknown;
  work: AuditedWork<T>;
  idsTouched: (result: T) => string[];
  known?: KnownSubjects<T> | undefined;
}

/**
 * Runs a mutation's write and appends its audit event in the same transaction, so that no write can
 * commit without its record (and a write rolled back leaves none). The cost: writes from every API
 * process serialise on the chain's head until they commit; they are few and editor-only.
 * `args` are the mutation's arguments, recorded as a hash only; `idsTouched` names what was written.
 * `known`, when the ids are known before the write: `work` is handed the append as a piece of
 * Cypher to put in its write statement (one statement for both), or, when it does not, the append
 * is sent right after what `work` sends first, in its round trip.
 */
export async function auditedWrite<T>(
  { db, audit }: { db: Database; audit: AuditTrail },
  mutation: string,
  args: unknown,
  work: AuditedWork<T>,
  idsTouched: (result: T) => string[],
  known?: KnownSubjects<T>,
): Promise<T> {
  if (known?.decides) {
    const decided = await writtenInOneStatement({ db, audit }, mutation, args, work, known);
    if (decided) return decided.result;
  }
  return db.writeTransaction(async (tx) => {
    const guess = chainHeadGuess(db);
    const early = known ? auditAppendPiece([audit.writeEvent(mutation, [...known.ids], args)], db) : undefined;
    const written = work(tx, early?.piece);
    let result: T;
    try {
      result = await written;
    } catch (error) {
      // Refused or failed: the append that went with it (if it did) rolls back too.
      if (early) guess.restore();
      throw error;
    }
    if (known && idsTouched(result).join('\n') !== known.ids.join('\n')) {
      guess.restore();
      throw new Error(`${mutation} wrote ${idsTouched(result).join(', ')}, not the ${known.ids.join(', ')} its audit event names`);
    }
    try {
      const carried = early && known?.carried(result);
      if (early && carried) await early.complete(tx, carried);
      else await appendAuditEvents(tx, [audit.writeEvent(mutation, idsTouched(result), args)], db);
    } catch (error) {
      if (early) guess.restore();
      // A statement the write sent without waiting failed first: that, not the audit, is the cause.
      await tx.settle();
      // Outages, timeouts and deadlocks keep their own handling (retry, DATABASE_UNAVAILABLE, TIMEOUT).
      if (isRetryable(error) || isConnectionFailure(error) || isDatabaseTimeout(error)) throw error;
      throw auditUnavailable(`The audit record of ${mutation} could not be written, so nothing was written; retry later.`);
    }
    return result;
  });
}

/**
 * The write and its audit record as one auto-commit statement (Database.writeStatement), the record
 * numbered and hashed in the statement (auditAppendHashedPiece): one round trip, outside the write
 * turn, holding Neo4j's locks only while Neo4j runs it. Undefined when the statement declined
 * (StatementDeclined: nothing was written) or cannot be made (no APOC to hash with): auditedWrite
 * then writes as a transaction. A refusal is thrown as it is.
 */
async function writtenInOneStatement<T>(
  { db, audit }: { db: Database; audit: AuditTrail },
  mutation: string,
  args: unknown,
  work: AuditedWork<T>,
  known: KnownSubjects<T>,
): Promise<{ result: T } | undefined> {
  if (!(await canHashInCypher(db))) return undefined;
  const append = auditAppendHashedPiece(audit.writeEvent(mutation, [...known.ids], args), db);
  if (!append) return undefined;
  try {
    const result = await db.writeStatement(async (tx) => {
      const written = await work(tx, append.piece, true);
      completeAppend(mutation, known, append, written);
      return written;
    });
    return { result };
  } catch (error) {
    if (error instanceof StatementDeclined) return undefined;
    throw error;
  }
}

/**
 * The statement wrote under the ids its record names (they are its parameters) and appended it:
 * the append's number and hash, as the statement returned them, become the head this process saw.
 */
function completeAppend<T>(mutation: string, known: KnownSubjects<T>, append: { complete(values: Record<string, unknown>): unknown }, written: T): void {
  const carried = known.carried(written);
  if (!carried) throw new Error(`${mutation} did not carry its audit append`);
  append.complete(carried);
}

/**
 * Deciding statements as one (src/graph/writesTogether.ts decidingSequence): each part runs only
 * after the one before it wrote; `split` gives each part's record, or undefined where it did not run.
 */
export type StatementSequence = (parts: ReadonlyArray<{ cypher: string; params: CypherParams }>) => {
  cypher: string;
  params: CypherParams;
  split(record: { get(key: string): unknown }): Array<Neo4jRecord | undefined>;
};

/** What became of one write of auditedWritesTogether: written, refused, or left to be written on its own. */
export type TogetherOutcome<T> = { written: T } | { refused: unknown } | { left: string };

/**
 * Several writes that each decide alone (`known.decides`), in order, as ONE auto-commit statement
 * (`sequence` makes it): each write's deciding statement and audit append, each part running only
 * if the one before it wrote. One round trip and one commit for all, where each alone is one of
 * each, so the locks every write takes are held once. A part that refused is `refused` (nothing of it
 * written); the part that declined and every part after the first that did not write are `left`:
 * the caller writes them one by one, as auditedWrite does, and in order. Should the statement fail,
 * nothing of it was written and every part is left.
 */
export async function auditedWritesTogether(
  { db, audit }: { db: Database; audit: AuditTrail },
  writes: ReadonlyArray<AuditedWriteSpec<unknown>>,
  sequence: StatementSequence,
): Promise<Array<TogetherOutcome<unknown>>> {
  const leftAll = (why: string) => writes.map(() => ({ left: why }));
  if (!(await canHashInCypher(db))) return leftAll('no APOC to hash the audit records with');
  // Each write's work runs against a transaction that only takes down its statement; its answer comes
  // from the combined statement's record.
  const parts = writes.map((write) => {
    const append = write.known?.decides ? auditAppendHashedPiece(audit.writeEvent(write.mutation, [...write.known.ids], write.args), db) : undefined;
    let statement: { cypher: string; params: CypherParams } | undefined;
    let answer!: (record: Neo4jRecord | undefined, summary: unknown) => void;
    let fail!: (error: unknown) => void;
    const answered = new Promise<{ record: Neo4jRecord | undefined; summary: unknown }>((resolve, reject) => {
      answer = (record, summary) => resolve({ record, summary });
      fail = reject;
    });
    answered.catch(() => undefined);
    let taken!: () => void;
    const takenDown = new Promise<void>((resolve) => (taken = resolve));
    const tx: ObservedTransaction = {
      run: async <R extends RecordShape = RecordShape>(cypher: string, params: CypherParams = {}) => {
        if (statement) throw new Error('A write written together with others is one statement.');
        statement = { cypher, params };
        taken();
        const { record, summary } = await answered;
        if (!record) throw new StatementDeclined('a mutation before it in the request was not written');
        return { records: [record], summary } as unknown as QueryResult<R>;
      },
      send: () => {
        throw new Error('A write written together with others is one statement.');
      },
      settle: async () => undefined,
    };
    const result = append ? write.work(tx, append.piece, true) : Promise.reject(new StatementDeclined('its ids are not known before it'));
    result.catch(() => undefined);
    return { write, append, result, takenDown, answer, fail, statement: () => statement };
  });
  // The parts are the writes whose statement was taken down, up to the first that was not (it
  // declined before writing anything: it and those after it are left).
  const taken: typeof parts = [];
  for (const part of parts) {
    const wasTaken = await Promise.race([part.takenDown.then(() => true), part.result.then(() => false, () => false)]);
    if (!wasTaken) break;
    taken.push(part);
  }
  const outcome = async (part: (typeof parts)[number]): Promise<TogetherOutcome<unknown>> => {
    try {
      const written = await part.result;
      // A part without its append would leave a write unrecorded: refused, as on the one-statement path.
      if (!part.write.known || !part.append) throw new Error(`${part.write.mutation} did not carry its audit append`);
      completeAppend(part.write.mutation, part.write.known, part.append, written);
      return { written };
    } catch (error) {
      if (error instanceof StatementDeclined) return { left: error.why };
      return { refused: error };
    }
  };
  for (const part of parts.slice(taken.length)) part.fail(new StatementDeclined('a mutation before it in the request was not written together'));
  if (taken.length < 2) {
    for (const part of taken) part.fail(new StatementDeclined('no other mutation to write it with'));
    return leftAll('no other mutation to write it with');
  }
  try {
    const combined = sequence(taken.map((part) => part.statement()!));
    const result = await db.writeStatement((tx) => tx.run(combined.cypher, combined.params));
    const record = result.records[0];
    if (!record) throw new Error('the combined write statement returned no record');
    combined.split(record).forEach((partRecord, i) => taken[i]!.answer(partRecord, result.summary));
  } catch (error) {
    // Nothing was written (the statement commits as a whole, or could not be made): every write goes its own way.
    for (const part of taken) part.fail(new StatementDeclined('the writes together failed'));
    await Promise.all(parts.map((part) => part.result.catch(() => undefined)));
    return leftAll(`the writes together failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  return Promise.all(parts.map(outcome));
}
