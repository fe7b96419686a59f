import { isConnectionFailure, isDatabaseTimeout, isRetryable, StatementDeclined, type Database, type ObservedTransaction, type StatementPiece } from '../database/index.js';
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
      // The statement wrote under the ids its record names (they are its parameters) and appended it.
      const carried = known.carried(written);
      if (!carried) throw new Error(`${mutation} did not carry its audit append`);
      append.complete(carried);
      return written;
    });
    return { result };
  } catch (error) {
    if (error instanceof StatementDeclined) return undefined;
    throw error;
  }
}
