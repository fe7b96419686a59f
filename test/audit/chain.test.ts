import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appendAuditEvents, AuditLog, verifyAuditChain } from '../../src/audit/index.js';
import { projectRoot } from '../../src/config/index.js';
import { ROUND_TRIP_HEADER } from '../../src/server/index.js';
import { removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { eventsOfRequest, headSeq, requestIdFor, restoreEvent, storedEvent } from './support.js';

const P = 'test-audit-chain:';
const SOURCE = `${P}source`;
const PERSON = `${P}person`;
const PROVENANCE = [{ source: SOURCE, reliability: 'B', credibility: 2 }];
/** Requests each of the two servers sends at once. */
const CONCURRENT_REQUESTS = 12;

/** `npm run audit:verify` against the tests' Neo4j. */
function runAuditVerify(): Promise<{ code: number | null; output: string }> {
  const target = inject('neo4j');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'cli', 'auditVerify.ts')], {
      cwd: projectRoot,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', NEO4J_URI: target.uri, NEO4J_USERNAME: target.username, NEO4J_PASSWORD: target.password, LOG_LEVEL: 'warn' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('the hash chain', () => {
  let first: TestApi;
  let second: TestApi;

  beforeAll(async () => {
    // Admins: they read protected fields and write, so both kinds of append race.
    first = await startTestApi({}, undefined, { auth: { anonymousRole: 'admin' } });
    second = await startTestApi({}, undefined, { auth: { anonymousRole: 'admin' } });
    await removeByPrefix(first.db, P);
    await writeRecords(first.db, [
      { kind: 'Source', id: SOURCE, name: 'Chain test report' },
      { kind: 'Person', id: PERSON, name: 'Chain pseudonym', legalName: 'Chain Legal Name', provenance: PROVENANCE },
    ]);
  });
  afterAll(async () => {
    await removeByPrefix(first.db, P);
    await Promise.all([first.stop(), second.stop()]);
  });

  it('stays one unbroken chain when two API processes append at once', async () => {
    const before = await headSeq(first.db);
    const requestIds = Array.from({ length: 2 * CONCURRENT_REQUESTS }, (_, i) => requestIdFor(`concurrent-${i}`));
    // Every other request per server is a write, the rest protected reads. Writes of new people
    // append in their own transaction; updates of an existing one (its name as it was) are one
    // auto-commit statement that numbers and hashes its record itself, outside the write turn.
    const responses = await Promise.all(
      requestIds.map((requestId, i) => {
        const api = i % 2 === 0 ? first : second;
        const headers = { 'x-request-id': requestId };
        const upsert = (input: Record<string, unknown>) => api.graphql(`mutation ($input: PersonInput!) { upsertPerson(input: $input) { id } }`, { input }, headers);
        return i % 4 < 2
          ? api.graphql(`query ($id: ID!) { node(id: $id) { ... on Person { protected { legalName } } } }`, { id: PERSON }, headers)
          : i % 8 < 4
            ? upsert({ id: `${P}written-${i}`, name: `Written ${i}`, provenance: PROVENANCE })
            : upsert({ id: PERSON, name: 'Chain pseudonym', provenance: PROVENANCE });
      }),
    );
    for (const response of responses) {
      expect(response.errors).toBeUndefined();
      expect(JSON.stringify(response.data)).toMatch(/Chain Legal Name|written-|"upsertPerson":\{"id":"[^"]*person/);
    }

    const seqs: number[] = [];
    for (const requestId of requestIds) {
      const events = await eventsOfRequest(first.db, requestId);
      expect(events).toHaveLength(1);
      seqs.push(Number(events[0]?.seq));
    }
    expect(new Set(seqs).size).toBe(requestIds.length);
    expect(await headSeq(first.db)).toBe(before + requestIds.length);
    expect(await verifyAuditChain(first.db)).toEqual({ ok: true, count: before + requestIds.length });
  });

  it('appends in one statement when the head is where this process left it, in two after another process or a rolled-back append moved it; the chain verifies either way', async () => {
    const statements: string[] = [];
    const counted = first.db.withObserver((event) => statements.push(event.cypher));
    const firstLog = new AuditLog(counted);
    const appendStatements = async (log: AuditLog, what: string) => {
      statements.length = 0;
      await log.recordRefusal({ requestId: requestIdFor(what), status: 403, reason: 'chain statements test' });
      return statements.filter((cypher) => cypher.includes('AuditHead')).length;
    };
    await appendStatements(firstLog, 'settle'); // whatever the head was: now this process knows it
    expect(await appendStatements(firstLog, 'known-head')).toBe(1);
    // Another process appends: this one's guess is stale, so the head read under the lock decides.
    await new AuditLog(second.db).recordRefusal({ requestId: requestIdFor('other-process'), status: 403, reason: 'chain statements test' });
    expect(await appendStatements(firstLog, 'after-other-process')).toBe(2);
    expect(await appendStatements(firstLog, 'known-again')).toBe(1);
    // An append whose transaction rolls back leaves the head where it was.
    const rolledBack = await counted.writeTransaction(async (tx) => {
      await appendAuditEvents(tx, [{
        kind: 'REFUSAL', at: new Date().toISOString(), requestId: requestIdFor('rolled-back'), subject: null, role: null, operationName: null,
        documentHash: null, entityIds: [], fields: [], mutation: null, inputHash: null, status: 403, reason: 'rolled back',
      }], counted);
      throw new Error('roll back');
    }).catch((error: Error) => error.message);
    expect(rolledBack).toBe('roll back');
    expect(await appendStatements(firstLog, 'after-rollback')).toBe(2);
    expect(await verifyAuditChain(first.db)).toEqual({ ok: true, count: await headSeq(first.db) });
  });

  it('a refused mutation, whose append went out with its write and rolled back, leaves the head where the next append expects it', async () => {
    const upsert = (source: string) => first.graphql<{ upsertPerson: { id: string } | null }>(
      'mutation Upsert($input: PersonInput!) { upsertPerson(input: $input) { id } }',
      { input: { id: PERSON, name: 'Chain pseudonym', provenance: [{ source, reliability: 'B', credibility: 2 }] } },
    );
    await upsert(SOURCE); // whatever the head was: now this process knows it
    const steady = await upsert(SOURCE);
    expect(steady.errors).toBeUndefined();
    const statements = Number(steady.headers.get(ROUND_TRIP_HEADER));
    const refused = await upsert(`${P}no-such-source`);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    // One statement more would mean the append guessed a head the rollback took away.
    const after = await upsert(SOURCE);
    expect(after.errors).toBeUndefined();
    expect(Number(after.headers.get(ROUND_TRIP_HEADER))).toBe(statements);
    expect(await verifyAuditChain(first.db)).toEqual({ ok: true, count: await headSeq(first.db) });
  });

  it('audit:verify names a deleted event (a gap, or missing from the end) and puts it back', async () => {
    const auditLog = new AuditLog(first.db);
    for (let i = 0; i < 3; i += 1) await auditLog.recordRefusal({ requestId: requestIdFor(`verify-${i}`), status: 403, reason: 'verify test' });
    const last = await headSeq(first.db);

    const middle = await storedEvent(first.db, last - 1);
    await first.db.write('MATCH (a:AuditEvent {seq: $seq}) DELETE a', { seq: middle['seq'] });
    try {
      expect(await verifyAuditChain(first.db)).toMatchObject({ ok: false, problem: 'DELETED', seq: last - 1, count: last - 2 });
    } finally {
      await restoreEvent(first.db, middle);
    }

    const tail = await storedEvent(first.db, last);
    await first.db.write('MATCH (a:AuditEvent {seq: $seq}) DELETE a', { seq: tail['seq'] });
    try {
      expect(await verifyAuditChain(first.db)).toMatchObject({ ok: false, problem: 'DELETED', seq: last });
    } finally {
      await restoreEvent(first.db, tail);
    }
    expect(await verifyAuditChain(first.db)).toEqual({ ok: true, count: last });
  });

  it('audit:verify names an altered event, content or hash', async () => {
    const last = await headSeq(first.db);
    const original = await storedEvent(first.db, last - 1);
    try {
      await first.db.write("MATCH (a:AuditEvent {seq: $seq}) SET a.subject = 'mallory'", { seq: original['seq'] });
      expect(await verifyAuditChain(first.db)).toMatchObject({ ok: false, problem: 'ALTERED', seq: last - 1 });
      await restoreEvent(first.db, original);
      // Rewriting an event together with its own hash breaks the link to the next one.
      await first.db.write("MATCH (a:AuditEvent {seq: $seq}) SET a.hash = 'f'", { seq: original['seq'] });
      expect(await verifyAuditChain(first.db)).toMatchObject({ ok: false, problem: 'ALTERED', seq: last - 1 });
    } finally {
      await restoreEvent(first.db, original);
    }
    expect(await verifyAuditChain(first.db)).toMatchObject({ ok: true });
  });

  it('npm run audit:verify: OK with the count, or the altered event and exit code 1', async () => {
    const ok = await runAuditVerify();
    expect(ok.output).toMatch(/Audit log OK: \d+ events, hash chain unbroken\./);
    expect(ok.code).toBe(0);

    const last = await headSeq(first.db);
    const original = await storedEvent(first.db, last);
    await first.db.write("MATCH (a:AuditEvent {seq: $seq}) SET a.reason = 'nothing happened'", { seq: original['seq'] });
    try {
      const altered = await runAuditVerify();
      expect(altered.output).toContain(`audit event ${last} was altered`);
      expect(altered.code).toBe(1);
    } finally {
      await restoreEvent(first.db, original);
    }
  }, 120_000);
});
