import { randomUUID } from 'node:crypto';
import { int } from 'neo4j-driver';
import type { AuditEventRecord } from '../../src/audit/index.js';
import type { Database } from '../../src/database/index.js';

/** A request id of our own, so each test finds exactly its own events in the shared chain. */
export const requestIdFor = (what: string): string => `audit-test-${what}-${randomUUID()}`.slice(0, 64);

/** The events one request left, straight from the database, in chain order. */
export async function eventsOfRequest(db: Database, requestId: string): Promise<AuditEventRecord[]> {
  const { records } = await db.read<{ event: AuditEventRecord }>(
    'MATCH (a:AuditEvent {requestId: $requestId}) RETURN properties(a) AS event ORDER BY a.seq',
    { requestId },
  );
  return records.map((record) => record.get('event'));
}

/** The head's sequence number: the last event appended (0 before any). */
export async function headSeq(db: Database): Promise<number> {
  const { records } = await db.read<{ seq: number }>("MATCH (h:AuditHead {id: 'audit'}) RETURN h.seq AS seq");
  return Number(records[0]?.get('seq') ?? 0);
}

/** Every stored property of event `seq`, to put it back as it was after tampering with it. */
export async function storedEvent(db: Database, seq: number): Promise<Record<string, unknown>> {
  const { records } = await db.read<{ event: Record<string, unknown> }>('MATCH (a:AuditEvent {seq: $seq}) RETURN properties(a) AS event', { seq: int(seq) });
  const event = records[0]?.get('event');
  if (!event) throw new Error(`no audit event ${seq}`);
  return event;
}

/** Puts a deleted or altered event back exactly as it was stored (integers as integers). */
export async function restoreEvent(db: Database, event: Record<string, unknown>): Promise<void> {
  const properties = { ...event, seq: int(Number(event['seq'])), ...(event['status'] == null ? {} : { status: int(Number(event['status'])) }) };
  await db.write('MERGE (a:AuditEvent {seq: $properties.seq}) SET a = $properties', { properties });
}
