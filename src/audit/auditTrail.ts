import type { RefusalEvent } from '../auth/index.js';
import type { Viewer } from '../model/index.js';
import { auditTime, type AuditEventContent } from './auditEvent.js';
import { canonicalJson, sha256Hex } from './canonicalJson.js';

/** A refused attempt, as authentication reports it (see AuditLog.recordRefusal). */
export type { RefusalEvent };

/**
 * What one request has done that must be audited, collected while it runs: the protected fields it
 * read (entity → fields) and the refusals it met. The audit plugin writes them, in one transaction,
 * before the response leaves. Writes do not wait here: each mutation appends its own event inside
 * its own transaction (`writeEvent` builds it).
 */
export class AuditTrail {
  private operationName: string | null = null;
  private document: string | null = null;
  private documentHash: string | null | undefined;
  private readonly protectedReads = new Map<string, Set<string>>();
  private readonly refusals: Array<{ status: 401 | 403; reason: string }> = [];

  constructor(
    readonly requestId: string,
    private readonly viewer: Viewer,
  ) {}

  /** The operation about to run; the audit plugin sets it once the document is parsed. */
  setOperation(operationName: string | null, document: string | null): void {
    this.operationName = operationName;
    this.document = document;
    this.documentHash = undefined;
  }

  /** The document's hash, worked out when an event needs it: most requests write none. */
  private hashOfDocument(): string | null {
    if (this.documentHash === undefined) this.documentHash = this.document === null ? null : sha256Hex(this.document);
    return this.documentHash;
  }

  /** The protected `fields` of entity `entityId` are about to be sent. */
  protectedRead(entityId: string, fields: readonly string[]): void {
    const read = this.protectedReads.get(entityId) ?? new Set<string>();
    for (const field of fields) read.add(field);
    this.protectedReads.set(entityId, read);
  }

  /** A refused attempt met while running (a FORBIDDEN field). */
  refusal(status: 401 | 403, reason: string): void {
    this.refusals.push({ status, reason });
  }

  /** The event of one write: the mutation, the ids it touched, the hash of its arguments. */
  writeEvent(mutation: string, idsTouched: readonly string[], args: unknown): AuditEventContent {
    return { ...this.common('WRITE'), entityIds: [...new Set(idsTouched)], mutation, inputHash: sha256Hex(canonicalJson(args)) };
  }

  /** Whether the response carries protected data: then it must not leave unless the trail is written. */
  get hasProtectedReads(): boolean {
    return this.protectedReads.size > 0;
  }

  /** The events still to write: one for all the protected reads of the request, one per refusal. */
  pendingEvents(): AuditEventContent[] {
    const events: AuditEventContent[] = [];
    if (this.protectedReads.size > 0) {
      const fields = new Set<string>();
      for (const read of this.protectedReads.values()) for (const field of read) fields.add(field);
      events.push({ ...this.common('PROTECTED_READ'), entityIds: [...this.protectedReads.keys()].sort(), fields: [...fields].sort() });
    }
    for (const { status, reason } of this.refusals) events.push({ ...this.common('REFUSAL'), status, reason });
    return events;
  }

  private common(kind: AuditEventContent['kind']): AuditEventContent {
    return {
      kind,
      at: auditTime(),
      requestId: this.requestId,
      subject: this.viewer.subject ?? null,
      role: this.viewer.role,
      operationName: this.operationName,
      documentHash: this.hashOfDocument(),
      entityIds: [],
      fields: [],
      mutation: null,
      inputHash: null,
      status: null,
      reason: null,
    };
  }
}

/** The event of a refusal reported from outside GraphQL (the auth middleware). */
export function refusalEventContent(event: RefusalEvent): AuditEventContent {
  return {
    kind: 'REFUSAL',
    at: auditTime(),
    requestId: event.requestId,
    subject: event.subject ?? null,
    role: event.role ?? null,
    operationName: null,
    documentHash: null,
    entityIds: [],
    fields: [],
    mutation: null,
    inputHash: null,
    status: event.status,
    reason: event.reason,
  };
}
