/**
 * The audit log: protected reads, writes and refusals, recorded in a hash chain of `:AuditEvent`
 * nodes before the response leaves (fail closed). Requests collect into an AuditTrail; the audit
 * plugin writes it through the AuditLog; mutations append their event inside their own transaction.
 */
export { AUDIT_EVENT_KINDS, GENESIS_HASH, chainHash, type AuditEventContent, type AuditEventKind, type AuditEventRecord } from './auditEvent.js';
export { AuditLog } from './auditLog.js';
export { auditedWrite, auditedWritesTogether, type AuditedWriteSpec, type StatementSequence, type TogetherOutcome } from './auditedWrite.js';
export { AuditTrail, type RefusalEvent } from './auditTrail.js';
export { AUDIT_HEAD_ID, appendAuditEvents, findAuditEvents, type AuditEventFilter, type AuditEventPage } from './auditStore.js';
export { canonicalJson, sha256Hex } from './canonicalJson.js';
export { fieldsRead } from './fieldsRead.js';
export { verifyAuditChain, type ChainVerification } from './verifyChain.js';
