import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog, AuditTrail, canonicalJson, chainHash, GENESIS_HASH, sha256Hex } from '../../src/audit/index.js';
import { removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { eventsOfRequest, requestIdFor } from './support.js';

const P = 'test-audit-records:';
const SOURCE = `${P}source`;
const PERSON = `${P}person`;
const COUNTRY = `${P}country`;
const PROVENANCE = [{ source: SOURCE, reliability: 'B', credibility: 2 }];
const SECRET_NAME = 'Audit Secret Legal Name';

const READ_PROTECTED = `query ReadProtected($id: ID!) {
  node(id: $id) { id ... on Person { name protected { legalName ...Phones __typename } } }
}
fragment Phones on PersonProtectedFields { phones }`;

const AUDIT_PAGE = `query ($subject: String, $entityId: ID, $since: DateTime, $until: DateTime, $first: Int, $after: String) {
  auditEvents(subject: $subject, entityId: $entityId, since: $since, until: $until, first: $first, after: $after) {
    edges { cursor node { seq kind at requestId subject role operationName documentHash entityIds fields mutation inputHash status reason hash } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

interface AuditPage {
  auditEvents: {
    edges: Array<{ cursor: string; node: { seq: number; kind: string; at: string; requestId: string; subject: string | null; role: string | null; entityIds: string[]; fields: string[]; mutation: string | null; inputHash: string | null; status: number | null; reason: string | null } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  } | null;
}

describe('what the audit log records', () => {
  let admin: TestApi;
  let investigator: TestApi;
  let analyst: TestApi;
  let viewer: TestApi;

  beforeAll(async () => {
    admin = await startTestApi();
    investigator = await startTestApi({}, undefined, { auth: { anonymousRole: 'investigator' } });
    analyst = await startTestApi({}, undefined, { auth: { anonymousRole: 'analyst' } });
    viewer = await startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' } });
    await removeByPrefix(admin.db, P);
    await writeRecords(admin.db, [
      { kind: 'Source', id: SOURCE, name: 'Audit test report' },
      { kind: 'Person', id: PERSON, name: 'Audit pseudonym', legalName: SECRET_NAME, phones: ['+10000000001'], provenance: PROVENANCE },
      { kind: 'Location', id: COUNTRY, name: 'Auditland', locationType: 'COUNTRY', countryCode: 'WF', provenance: PROVENANCE },
    ]);
  });
  afterAll(async () => {
    await removeByPrefix(admin.db, P);
    await Promise.all([admin, investigator, analyst, viewer].map((api) => api.stop()));
  });

  it('a read of protected fields: subject, role, request, operation and document hash, entity, the fields selected', async () => {
    const requestId = requestIdFor('read');
    const response = await investigator.graphql<{ node: { protected: { legalName: string } } }>(READ_PROTECTED, { id: PERSON }, { 'x-request-id': requestId });
    expect(response.errors).toBeUndefined();
    expect(response.data?.node.protected.legalName).toBe(SECRET_NAME);

    const events = await eventsOfRequest(admin.db, requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'PROTECTED_READ', role: 'investigator', requestId, operationName: 'ReadProtected',
      documentHash: sha256Hex(READ_PROTECTED), entityIds: [PERSON], fields: ['legalName', 'phones'],
    });
    // Anonymous on this branch (no tokens yet): no subject is stored.
    expect(events[0]?.subject ?? null).toBeNull();
    expect(Date.parse(events[0]?.at ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });

  it('records nothing when no protected field is sent (not selected, or the role may not read them)', async () => {
    const plain = requestIdFor('plain');
    await investigator.graphql(`query ($id: ID!) { node(id: $id) { id name } }`, { id: PERSON }, { 'x-request-id': plain });
    expect(await eventsOfRequest(admin.db, plain)).toEqual([]);

    const denied = requestIdFor('analyst');
    const response = await analyst.graphql<{ node: { protected: unknown } }>(READ_PROTECTED, { id: PERSON }, { 'x-request-id': denied });
    expect(response.data?.node.protected).toBeNull();
    expect(await eventsOfRequest(admin.db, denied)).toEqual([]);
  });

  it('a write: the mutation, the ids it touched, the hash of its arguments (never their values)', async () => {
    const upsert = `mutation UpsertSecret($input: PersonInput!) { upsertPerson(input: $input) { id } }`;
    const input = { id: PERSON, name: 'Audit pseudonym', legalName: SECRET_NAME, phones: ['+10000000001'], provenance: PROVENANCE };
    const [first, again, changed] = [requestIdFor('write-1'), requestIdFor('write-2'), requestIdFor('write-3')];
    expect((await admin.graphql(upsert, { input }, { 'x-request-id': first })).errors).toBeUndefined();
    await admin.graphql(upsert, { input }, { 'x-request-id': again });
    await admin.graphql(upsert, { input: { ...input, phones: ['+10000000002'] } }, { 'x-request-id': changed });

    const [event] = await eventsOfRequest(admin.db, first);
    expect(event).toMatchObject({ kind: 'WRITE', role: 'admin', mutation: 'upsertPerson', operationName: 'UpsertSecret', entityIds: [PERSON] });
    expect(event?.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(event)).not.toContain(SECRET_NAME);
    expect((await eventsOfRequest(admin.db, again))[0]?.inputHash).toBe(event?.inputHash);
    expect((await eventsOfRequest(admin.db, changed))[0]?.inputHash).not.toBe(event?.inputHash);

    const link = requestIdFor('link');
    const linked = await admin.graphql<{ linkNationality: { id: string } }>(
      `mutation ($input: NationalityInput!) { linkNationality(input: $input) { id } }`,
      { input: { from: PERSON, to: COUNTRY, provenance: PROVENANCE } },
      { 'x-request-id': link },
    );
    const relationshipId = linked.data?.linkNationality.id ?? '';
    expect((await eventsOfRequest(admin.db, link))[0]).toMatchObject({ kind: 'WRITE', mutation: 'linkNationality', entityIds: [relationshipId, PERSON, COUNTRY] });

    const unlink = requestIdFor('unlink');
    await admin.graphql(`mutation ($id: ID!) { unlink(id: $id) { removed } }`, { id: relationshipId }, { 'x-request-id': unlink });
    expect((await eventsOfRequest(admin.db, unlink))[0]).toMatchObject({ kind: 'WRITE', mutation: 'unlink', entityIds: [relationshipId], inputHash: sha256Hex(canonicalJson({ id: relationshipId })) });
  });

  it('a write that fails validation writes nothing, and records nothing', async () => {
    const requestId = requestIdFor('invalid');
    const response = await admin.graphql(`mutation ($input: PersonInput!) { upsertPerson(input: $input) { id } }`, { input: { id: `${P}nobody`, name: '', provenance: PROVENANCE } }, { 'x-request-id': requestId });
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await eventsOfRequest(admin.db, requestId)).toEqual([]);
  });

  it('a refusal reported by the auth middleware (recordRefusal), with its subject, role, status and reason', async () => {
    const auditLog = new AuditLog(admin.db);
    const requestId = requestIdFor('refused');
    await auditLog.recordRefusal({ requestId, status: 401, reason: 'token expired', subject: 'audit-test-carol', role: 'analyst' });
    expect(await eventsOfRequest(admin.db, requestId)).toMatchObject([{ kind: 'REFUSAL', status: 401, reason: 'token expired', subject: 'audit-test-carol', role: 'analyst' }]);
  });

  it('auditEvents is for admins: a viewer or an analyst gets FORBIDDEN, and the refusal (403) is recorded', async () => {
    for (const [api, role] of [[viewer, 'viewer'], [analyst, 'analyst'], [investigator, 'investigator']] as const) {
      const requestId = requestIdFor(`forbidden-${role}`);
      const response = await api.graphql<AuditPage>(AUDIT_PAGE, {}, { 'x-request-id': requestId });
      expect(response.data?.auditEvents).toBeNull();
      expect(response.errors?.map((e) => e.extensions?.['code'])).toEqual(['FORBIDDEN']);
      expect(await eventsOfRequest(admin.db, requestId)).toMatchObject([{ kind: 'REFUSAL', status: 403, role, reason: 'Only admins may read the audit log.' }]);
    }
  });

  it('auditEvents filters by subject, entity and time, newest first, in keyset pages with a total', async () => {
    const auditLog = new AuditLog(admin.db);
    const subject = `audit-test-alice-${Date.now()}`;
    const before = new Date(Date.now() - 1000).toISOString();
    for (let i = 0; i < 5; i += 1) await auditLog.recordRefusal({ requestId: requestIdFor(`page-${i}`), status: 403, reason: `attempt ${i}`, subject, role: 'viewer' });
    await auditLog.recordRefusal({ requestId: requestIdFor('other'), status: 403, reason: 'someone else', subject: `${subject}-bob` });

    const reasons: string[] = [];
    let after: string | null = null;
    for (let pages = 1; ; pages += 1) {
      const response: Awaited<ReturnType<typeof admin.graphql<AuditPage>>> = await admin.graphql<AuditPage>(AUDIT_PAGE, { subject, first: 2, after });
      expect(response.errors).toBeUndefined();
      const page = response.data!.auditEvents!;
      expect(page.totalCount).toBe(5);
      for (const edge of page.edges) expect(edge.node.subject).toBe(subject);
      reasons.push(...page.edges.map((edge) => edge.node.reason ?? ''));
      if (!page.pageInfo.hasNextPage) {
        expect(pages).toBe(3);
        break;
      }
      after = page.pageInfo.endCursor;
    }
    expect(reasons).toEqual(['attempt 4', 'attempt 3', 'attempt 2', 'attempt 1', 'attempt 0']);

    const inWindow = await admin.graphql<AuditPage>(AUDIT_PAGE, { subject, since: before, until: new Date(Date.now() + 1000).toISOString() });
    expect(inWindow.data?.auditEvents?.totalCount).toBe(5);
    const later = await admin.graphql<AuditPage>(AUDIT_PAGE, { subject, since: new Date(Date.now() + 60_000).toISOString() });
    expect(later.data?.auditEvents?.totalCount).toBe(0);
    const earlier = await admin.graphql<AuditPage>(AUDIT_PAGE, { subject, until: before });
    expect(earlier.data?.auditEvents?.totalCount).toBe(0);

    const byEntity = await admin.graphql<AuditPage>(AUDIT_PAGE, { entityId: PERSON, first: 100 });
    const kinds = new Set(byEntity.data?.auditEvents?.edges.map((edge) => edge.node.kind));
    expect(kinds).toEqual(new Set(['PROTECTED_READ', 'WRITE']));
    for (const edge of byEntity.data?.auditEvents?.edges ?? []) expect(edge.node.entityIds).toContain(PERSON);

    const foreignCursor = await admin.graphql<AuditPage>(AUDIT_PAGE, { after: Buffer.from(JSON.stringify(['name', 'x'])).toString('base64url') });
    expect(foreignCursor.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('audit events are not entities: no label, no relationship, and search does not find them', async () => {
    const subject = `auditghost${Date.now()}`;
    await new AuditLog(admin.db).recordRefusal({ requestId: requestIdFor('ghost'), status: 403, reason: subject, subject });
    const { records } = await admin.db.read<{ n: number }>('MATCH (a:AuditEvent) WHERE a:Entity OR EXISTS { (a)--() } RETURN count(a) AS n');
    expect(records[0]?.get('n')).toBe(0);
    const search = await admin.graphql<{ search: unknown[] }>(`query ($text: String!) { search(text: $text) { __typename } }`, { text: subject });
    expect(search.errors).toBeUndefined();
    expect(search.data?.search).toEqual([]);
  });
});

describe('the trail of one request (unit)', () => {
  it('gathers every protected read into one event with the viewer subject, and builds write events', () => {
    const trail = new AuditTrail('r1', { role: 'investigator', subject: 'alice' });
    trail.setOperation('Op', '{ x }');
    trail.protectedRead('person:b', ['phones']);
    trail.protectedRead('person:a', ['legalName']);
    trail.protectedRead('person:b', ['legalName']);
    expect(trail.pendingEvents()).toMatchObject([
      { kind: 'PROTECTED_READ', subject: 'alice', role: 'investigator', requestId: 'r1', operationName: 'Op', documentHash: sha256Hex('{ x }'), entityIds: ['person:a', 'person:b'], fields: ['legalName', 'phones'] },
    ]);
    expect(trail.writeEvent('upsertPerson', ['p', 'p'], { input: { b: 1, a: [1, { d: 2, c: 3 }] } })).toMatchObject({ kind: 'WRITE', subject: 'alice', entityIds: ['p'], inputHash: sha256Hex('{"input":{"a":[1,{"c":3,"d":2}],"b":1}}') });
  });

  it('hashes canonical JSON, so key order does not change a hash but content does', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null, e: undefined } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
    const content = new AuditTrail('r', { role: 'admin', subject: undefined }).writeEvent('unlink', ['x'], { id: 'x' });
    expect(chainHash(GENESIS_HASH, 1, content)).toBe(chainHash(GENESIS_HASH, 1, { ...content }));
    expect(chainHash(GENESIS_HASH, 1, content)).not.toBe(chainHash(GENESIS_HASH, 2, content));
    expect(chainHash(GENESIS_HASH, 1, content)).not.toBe(chainHash(GENESIS_HASH, 1, { ...content, entityIds: ['y'] }));
  });
});
