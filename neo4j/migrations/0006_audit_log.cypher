// The audit log (src/audit): one :AuditEvent per protected read, write or refusal, in a hash chain
// whose :AuditHead node holds the last sequence number and hash. A sequence number is never used
// twice, even by two API processes appending at once (they serialise on the head's lock; this is
// the last line of defence), and there is one head.
CREATE CONSTRAINT audit_event_seq IF NOT EXISTS FOR (a:AuditEvent) REQUIRE a.seq IS UNIQUE;
CREATE CONSTRAINT audit_head_id IF NOT EXISTS FOR (h:AuditHead) REQUIRE h.id IS UNIQUE;
// Admins read the log by time and by subject (auditEvents).
CREATE INDEX audit_event_at IF NOT EXISTS FOR (a:AuditEvent) ON (a.at);
CREATE INDEX audit_event_subject IF NOT EXISTS FOR (a:AuditEvent) ON (a.subject);
