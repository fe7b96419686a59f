import type { Database } from '../database/index.js';
import type { AuditEventContent } from './auditEvent.js';
import { appendAuditEvents } from './auditStore.js';
import { refusalEventContent, type RefusalEvent } from './auditTrail.js';

/**
 * The audit log of one API process: appends events to the chain every process shares. Made once in
 * startServer; the audit plugin writes each request's trail through it, and the auth middleware
 * reports refusals (401, 403) through `recordRefusal`.
 */
export class AuditLog {
  /**
   * `db` is the process's database, not a request's view: a request near its deadline still gets
   * its record written (bounded by the per-statement timeout) rather than losing its answer.
   */
  constructor(private readonly db: Database) {}

  /** Appends events in one write transaction; rejects when they could not be written. */
  async append(events: readonly AuditEventContent[]): Promise<void> {
    if (events.length === 0) return;
    await this.db.writeTransaction((tx) => appendAuditEvents(tx, events, this.db));
  }

  /**
   * Records a refused attempt. Rejects when the record could not be written; the refusal stands
   * either way (a refusal discloses nothing), so the caller logs that and answers as it would.
   */
  recordRefusal = async (event: RefusalEvent): Promise<void> => {
    await this.append([refusalEventContent(event)]);
  };
}
