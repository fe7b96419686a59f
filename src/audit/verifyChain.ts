import type { Database } from '../database/index.js';
import { chainHash, GENESIS_HASH } from './auditEvent.js';
import { readChainHead, readChainSegment } from './auditStore.js';

/** Events read per round trip while walking the chain. */
const VERIFY_BATCH_SIZE = 1000;

export type ChainVerification =
  | { ok: true; count: number }
  /**
   * DELETED: the first missing sequence number (a gap, or events missing after the last one the
   * head counts). ALTERED: the first event whose stored hash is not the hash of its content and its
   * predecessor's hash (its content, or its hash, or the one before it was rewritten).
   */
  | { ok: false; count: number; problem: 'DELETED' | 'ALTERED'; seq: number; message: string };

/**
 * Walks the chain from sequence number 1 to the head, recomputing every hash. `count` is the
 * number of events checked before the first problem (all of them when ok).
 */
export async function verifyAuditChain(db: Database): Promise<ChainVerification> {
  const head = await readChainHead(db);
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const segment = await readChainSegment(db, expectedSeq, VERIFY_BATCH_SIZE);
    for (const event of segment) {
      if (event.seq !== expectedSeq) {
        return { ok: false, count, problem: 'DELETED', seq: expectedSeq, message: `audit event ${expectedSeq} is missing (deleted): the chain goes from ${expectedSeq - 1} to ${event.seq}` };
      }
      if (chainHash(previousHash, event.seq, event) !== event.hash) {
        return { ok: false, count, problem: 'ALTERED', seq: event.seq, message: `audit event ${event.seq} was altered: its hash does not match its content and the hash of event ${event.seq - 1}` };
      }
      previousHash = event.hash;
      expectedSeq += 1;
      count += 1;
    }
    if (segment.length < VERIFY_BATCH_SIZE) break;
  }
  // The head remembers the last event: events deleted from the end, or a rewritten last event, show here.
  const headSeq = head?.seq ?? 0;
  if (headSeq > count) {
    return { ok: false, count, problem: 'DELETED', seq: count + 1, message: `audit events ${count + 1} to ${headSeq} are missing (deleted): the head counts ${headSeq} events, the chain ends at ${count}` };
  }
  if (count > headSeq) {
    return { ok: false, count, problem: 'ALTERED', seq: headSeq + 1, message: `audit event ${headSeq + 1} was added outside the log: the head counts only ${headSeq} events` };
  }
  if (head && head.hash !== previousHash) {
    return { ok: false, count, problem: 'ALTERED', seq: count, message: `audit event ${count} was altered: its hash is not the one the head recorded` };
  }
  return { ok: true, count };
}
