import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { bearer, hs256Token, TEST_SECRET } from '../auth/support.js';
import { eventsOfRequest, requestIdFor } from './support.js';

/**
 * With tokens, as wired in createServer: a protected read and a write carry the token's subject; a
 * 401 refused by the authentication middleware (before
 * GraphQL runs) and a 403 refused inside GraphQL (a mutation below editor) each leave exactly one
 * REFUSAL in the audit log, with the subject the token named.
 */
describe('the audit log with tokens', () => {
  let api: TestApi;
  const P = 'audit-tokens:';
  const person = `${P}person`;
  beforeAll(async () => {
    api = await startTestApi({}, undefined, { auth: { anonymousRole: 'viewer', jwtSecret: TEST_SECRET } });
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [
      { kind: 'Source', id: `${P}source`, name: 'Audit token test report' },
      { kind: 'Person', id: person, name: 'Token test pseudonym', legalName: 'Token Test Legal Name', provenance: [{ source: `${P}source`, reliability: 'B', credibility: 2 }] },
    ]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api?.stop();
  });

  it('records a protected read and a write with the subject of the token', async () => {
    const readId = requestIdFor('read-subject');
    const investigator = await hs256Token({ role: 'investigator' }, { subject: 'carol' });
    const read = await api.graphql<{ node: { protected: { legalName: string } | null } }>(
      `{ node(id: "${person}") { ... on Person { protected { legalName } } } }`, undefined, { ...bearer(investigator), 'x-request-id': readId },
    );
    expect(read.data?.node.protected?.legalName).toBeTruthy();
    expect(await eventsOfRequest(api.db, readId)).toMatchObject([{ kind: 'PROTECTED_READ', subject: 'carol', role: 'investigator', entityIds: [person], fields: ['legalName'] }]);

    const writeId = requestIdFor('write-subject');
    const editor = await hs256Token({ role: 'editor' }, { subject: 'dave' });
    const written = await api.graphql('mutation { upsertSource(input: { id: "audit-tokens:written", name: "Audit subject test" }) { id } }', undefined, { ...bearer(editor), 'x-request-id': writeId });
    expect(written.errors).toBeUndefined();
    expect(await eventsOfRequest(api.db, writeId)).toMatchObject([{ kind: 'WRITE', subject: 'dave', role: 'editor', entityIds: ['audit-tokens:written'] }]);
  });

  it('records a 401 for an expired token once, with its subject and reason', async () => {
    const requestId = requestIdFor('expired');
    const token = await hs256Token({ role: 'investigator' }, { subject: 'mallory', expiresIn: -120 });
    const response = await api.graphql('{ __typename }', undefined, { ...bearer(token), 'x-request-id': requestId });
    expect(response.status).toBe(401);
    const events = await eventsOfRequest(api.db, requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'REFUSAL', status: 401, reason: expect.stringContaining('expired') });
  });

  it('records a 403 for a mutation below editor once, with the subject and role', async () => {
    const requestId = requestIdFor('forbidden');
    const token = await hs256Token({ role: 'analyst' }, { subject: 'bob' });
    const response = await api.graphql('mutation { unlink(id: "rel:none") { removed } }', undefined, { ...bearer(token), 'x-request-id': requestId });
    expect(response.status).toBe(403);
    const events = await eventsOfRequest(api.db, requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'REFUSAL', status: 403, subject: 'bob', role: 'analyst' });
  });
});
