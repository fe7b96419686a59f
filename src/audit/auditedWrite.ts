import { isConnectionFailure, isDatabaseTimeout, isRetryable, type Database, type ObservedTransaction } from '../database/index.js';
import { auditUnavailable } from '../errors/index.js';
import { appendAuditEvents } from './auditStore.js';
import type { AuditTrail } from './auditTrail.js';

/**
 * Runs a mutation's write and appends its audit event in the same transaction, so that no write can
 * commit without its record (and a write rolled back leaves none). The cost: writes from every API
 * process serialise on the chain's head until they commit; they are few and editor-only.
 * `args` are the mutation's arguments, recorded as a hash only; `idsTouched` names what was written:
 * from the result, or known before the write — then the event is sent with the write's statements,
 * without waiting for their answers (one round trip fewer while the writers' locks are held); a
 * write that fails or is refused rolls the event back with it.
 */
export async function auditedWrite<T>(
  { db, audit }: { db: Database; audit: AuditTrail },
  mutation: string,
  args: unknown,
  work: (tx: ObservedTransaction) => Promise<T>,
  idsTouched: readonly string[] | ((result: T) => string[]),
): Promise<T> {
  return db.writeTransaction(async (tx) => {
    if (typeof idsTouched !== 'function') {
      // The write's statements are sent by the time `work` returns its promise; the event follows them.
      const written = work(tx);
      const appended = appendAuditEvents(tx, [audit.writeEvent(mutation, [...idsTouched], args)], db);
      appended.catch(() => undefined); // awaited below, once the write has answered
      const result = await written;
      // Nothing the write sent before the event is left unanswered: a failure here is the event's own.
      await appended.catch((error: unknown) => auditFailure(mutation, error));
      return result;
    }
    const result = await work(tx);
    try {
      await appendAuditEvents(tx, [audit.writeEvent(mutation, idsTouched(result), args)], db);
    } catch (error) {
      // A statement the write sent without waiting failed first: that, not the audit, is the cause.
      await tx.settle();
      auditFailure(mutation, error);
    }
    return result;
  });
}

/** Outages, timeouts and deadlocks keep their own handling (retry, DATABASE_UNAVAILABLE, TIMEOUT); anything else is AUDIT_UNAVAILABLE. */
function auditFailure(mutation: string, error: unknown): never {
  if (isRetryable(error) || isConnectionFailure(error) || isDatabaseTimeout(error)) throw error;
  throw auditUnavailable(`The audit record of ${mutation} could not be written, so nothing was written; retry later.`);
}
