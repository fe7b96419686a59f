import { int } from 'neo4j-driver';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { auditedWrite, AuditTrail, verifyAuditChain } from '../../src/audit/index.js';
import { removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { eventsOfRequest, headSeq, requestIdFor } from './support.js';

const P = 'test-audit-fail-closed:';
const SOURCE = `${P}source`;
const PERSON = `${P}person`;
const PROVENANCE = [{ source: SOURCE, reliability: 'B', credibility: 2 }];
const SECRET_NAME = 'Fail Closed Secret Name';
const SECRET_PHONE = '+19990000001';
const BLOCKER = 'TEST_BLOCKER';

/**
 * Makes the next append fail for real: an event already holds the next sequence number, so the
 * append breaks the uniqueness constraint (as a corrupt or tampered store would) and rolls back.
 */
async function blockTheLog(api: TestApi): Promise<void> {
  await api.db.write('CREATE (:AuditEvent {seq: $seq, kind: $kind})', { seq: int((await headSeq(api.db)) + 1), kind: BLOCKER });
}

describe('the audit log fails closed', () => {
  let api: TestApi;

  beforeAll(async () => {
    // An admin both reads protected fields and writes (investigators may not write once roles hold).
    api = await startTestApi({}, undefined, { auth: { anonymousRole: 'admin' } });
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [
      { kind: 'Source', id: SOURCE, name: 'Fail-closed test report' },
      { kind: 'Person', id: PERSON, name: 'Fail-closed pseudonym', legalName: SECRET_NAME, phones: [SECRET_PHONE], provenance: PROVENANCE },
    ]);
  });
  afterEach(async () => {
    await api.db.write('MATCH (a:AuditEvent {kind: $kind}) DELETE a', { kind: BLOCKER });
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('withholds protected fields when their read cannot be recorded: 503 AUDIT_UNAVAILABLE, no data', async () => {
    await blockTheLog(api);
    const requestId = requestIdFor('withheld');
    const response = await fetch(`${api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': requestId },
      body: JSON.stringify({ query: `query ($id: ID!) { node(id: $id) { id name ... on Person { protected { legalName phones } } } }`, variables: { id: PERSON } }),
    });
    const text = await response.text();
    expect(response.status).toBe(503);
    expect(text).not.toContain(SECRET_NAME);
    expect(text).not.toContain(SECRET_PHONE);
    expect(text).not.toContain(PERSON);
    const body = JSON.parse(text) as { data?: unknown; errors: Array<{ message: string; extensions: Record<string, unknown> }> };
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([{ message: expect.stringContaining(requestId), extensions: { code: 'AUDIT_UNAVAILABLE', requestId } }]);
    expect(text).not.toMatch(/constraint|Neo4j|at .*\.ts/i);
    expect(await eventsOfRequest(api.db, requestId)).toEqual([]);
  });

  it("names a write's own failure, not the audit's, when a statement it sent without waiting failed", async () => {
    const before = await headSeq(api.db);
    const failed = await auditedWrite({ db: api.db, audit: new AuditTrail(requestIdFor('sent-failure'), { role: 'admin', subject: undefined }) }, 'upsertPerson', {}, async (tx) => {
      tx.send('CREATE (:AuditFailClosedProbe)');
      tx.send('UNWIND [1, 0] AS x RETURN 1 / x');
      return [];
    }, () => []).then(() => undefined, (error: { code?: string; extensions?: { code?: string } }) => error);
    expect(failed?.code).toBe('Neo.ClientError.Statement.ArithmeticError');
    expect(failed?.extensions?.code).not.toBe('AUDIT_UNAVAILABLE');
    expect(await headSeq(api.db)).toBe(before);
    const { records } = await api.db.read<{ n: number }>('MATCH (n:AuditFailClosedProbe) RETURN count(n) AS n');
    expect(records[0]?.get('n')).toBe(0);
  });

  it('does not commit a write whose record cannot be written (one transaction)', async () => {
    await blockTheLog(api);
    const id = `${P}unwritten`;
    const response = await api.graphql(`mutation ($input: PersonInput!) { upsertPerson(input: $input) { id } }`, { input: { id, name: 'Never written', provenance: PROVENANCE } });
    expect(response.errors?.map((e) => e.extensions?.['code'])).toEqual(['AUDIT_UNAVAILABLE']);
    const { records } = await api.db.read<{ n: number }>('MATCH (n:Entity {id: $id}) RETURN count(n) AS n', { id });
    expect(records[0]?.get('n')).toBe(0);
  });

  it('answers requests that need no record as usual, and records again once the log can be written', async () => {
    await blockTheLog(api);
    const plain = await api.graphql<{ node: { name: string } }>(`query ($id: ID!) { node(id: $id) { name } }`, { id: PERSON });
    expect(plain.status).toBe(200);
    expect(plain.data?.node.name).toBe('Fail-closed pseudonym');

    await api.db.write('MATCH (a:AuditEvent {kind: $kind}) DELETE a', { kind: BLOCKER });
    const requestId = requestIdFor('recovered');
    const read = await api.graphql<{ node: { protected: { legalName: string } } }>(`query ($id: ID!) { node(id: $id) { ... on Person { protected { legalName } } } }`, { id: PERSON }, { 'x-request-id': requestId });
    expect(read.data?.node.protected.legalName).toBe(SECRET_NAME);
    expect(await eventsOfRequest(api.db, requestId)).toHaveLength(1);
    expect(await verifyAuditChain(api.db)).toMatchObject({ ok: true });
  });
});
