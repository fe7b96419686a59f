import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { bearer, hs256Token, TEST_SECRET } from '../auth/support.js';
import { eventsOfRequest, requestIdFor } from './support.js';

/**
 * The server as wired in createServer: a 401 refused by the authentication middleware (before
 * GraphQL runs) and a 403 refused inside GraphQL (a mutation below editor) each leave exactly one
 * REFUSAL in the audit log, with the subject the token named.
 */
describe('refusals in the audit log', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({}, undefined, { auth: { anonymousRole: 'viewer', jwtSecret: TEST_SECRET } });
  });
  afterAll(() => api?.stop());

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
