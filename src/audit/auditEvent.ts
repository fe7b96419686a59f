import { canonicalJson, sha256Hex } from './canonicalJson.js';

/** What an audit event records: a read of protected fields, a write, or a refused attempt. */
export const AUDIT_EVENT_KINDS = ['PROTECTED_READ', 'WRITE', 'REFUSAL'] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

/** The hash the first event of the chain follows: no event before it. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * One audit event as recorded, before it has a place in the chain. Every key is always present
 * (null when it does not apply), so that the stored event and its canonical content agree: Neo4j
 * does not store nulls, and reading a missing property back gives null again.
 */
export interface AuditEventContent {
  kind: AuditEventKind;
  /** When it happened: ISO 8601 in UTC with milliseconds (fixed width, so it sorts as text). */
  at: string;
  requestId: string;
  /** The token's subject; null for an anonymous request. */
  subject: string | null;
  role: string | null;
  operationName: string | null;
  /** SHA-256 of the GraphQL document as sent. */
  documentHash: string | null;
  /** Protected reads: the entities read. Writes: the ids touched (entity, relationship and its ends). */
  entityIds: string[];
  /** Protected reads: the protected fields selected. */
  fields: string[];
  /** Writes: the mutation field. */
  mutation: string | null;
  /** Writes: SHA-256 of the canonical JSON of the mutation's arguments (never the values themselves). */
  inputHash: string | null;
  /** Refusals: 401 or 403. */
  status: number | null;
  /** Refusals: why. */
  reason: string | null;
}

/** An event in the chain: its sequence number (1, 2, 3… with no gaps) and its hash. */
export interface AuditEventRecord extends AuditEventContent {
  seq: number;
  hash: string;
}

/** Each event's hash covers the previous event's hash, its own sequence number and its content. */
export function chainHash(previousHash: string, seq: number, content: AuditEventContent): string {
  return sha256Hex(previousHash + canonicalJson({ seq, ...contentOf(content) }));
}

/** Just the content keys, in case a caller passes a record with more (seq, hash). */
export function contentOf(event: AuditEventContent): AuditEventContent {
  return {
    kind: event.kind,
    at: event.at,
    requestId: event.requestId,
    subject: event.subject ?? null,
    role: event.role ?? null,
    operationName: event.operationName ?? null,
    documentHash: event.documentHash ?? null,
    entityIds: [...(event.entityIds ?? [])],
    fields: [...(event.fields ?? [])],
    mutation: event.mutation ?? null,
    inputHash: event.inputHash ?? null,
    status: event.status ?? null,
    reason: event.reason ?? null,
  };
}

/** The time of an event, in the one format the chain and the `at` index use. */
export function auditTime(date: Date = new Date()): string {
  return date.toISOString();
}
