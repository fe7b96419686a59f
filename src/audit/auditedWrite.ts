import { isConnectionFailure, isDatabaseTimeout, isRetryable, type Database, type ObservedTransaction } from '../database/index.js';
import { auditUnavailable } from '../errors/index.js';
import { appendAuditEvents, chainHeadGuess } from './auditStore.js';
import type { AuditTrail } from './auditTrail.js';

/**
 * Runs a mutation's write and appends its audit event in the same transaction, so that no write can
 * commit without its record (and a write rolled back leaves none). The cost: writes from every API
 * process serialise on the chain's head until they commit; they are few and editor-only.
 * `args` are the mutation's arguments, recorded as a hash only; `idsTouched` names what was written.
 * `idsKnown`, when the ids are known before the write: the append is sent right behind the
 * statements `work` sends before it first waits, in their round trip, and the write's ids must be
 * these (else the transaction rolls back).
 */
export async function auditedWrite<T>(
  { db, audit }: { db: Database; audit: AuditTrail },
  mutation: string,
  args: unknown,
  work: (tx: ObservedTransaction) => Promise<T>,
  idsTouched: (result: T) => string[],
  idsKnown?: readonly string[],
): Promise<T> {
  return db.writeTransaction(async (tx) => {
    const written = work(tx);
    const guess = chainHeadGuess(db);
    const sentEarly = idsKnown ? appendAuditEvents(tx, [audit.writeEvent(mutation, [...idsKnown], args)], db) : undefined;
    sentEarly?.catch(() => undefined); // a refusal or a failed write is the answer; its own failure is seen below
    let result: T;
    try {
      result = await written;
    } catch (error) {
      // Refused or failed: the append sent with it rolls back too.
      if (sentEarly) {
        await sentEarly.catch(() => undefined);
        guess.restore();
      }
      throw error;
    }
    if (idsKnown && idsTouched(result).join('\n') !== idsKnown.join('\n')) {
      throw new Error(`${mutation} wrote ${idsTouched(result).join(', ')}, not the ${idsKnown.join(', ')} its audit event names`);
    }
    try {
      await (sentEarly ?? appendAuditEvents(tx, [audit.writeEvent(mutation, idsTouched(result), args)], db));
    } catch (error) {
      // A statement the write sent without waiting failed first: that, not the audit, is the cause.
      await tx.settle();
      // Outages, timeouts and deadlocks keep their own handling (retry, DATABASE_UNAVAILABLE, TIMEOUT).
      if (isRetryable(error) || isConnectionFailure(error) || isDatabaseTimeout(error)) throw error;
      throw auditUnavailable(`The audit record of ${mutation} could not be written, so nothing was written; retry later.`);
    }
    return result;
  });
}
