import { UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OPERATION_LIMITS } from '../../src/config/index.js';
import { ROLES } from '../../src/policy/index.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { bearer, hs256Token, refusalRecorder, TEST_SECRET, typename } from './support.js';

/** The viewer the server settled on, as seen from outside: a mutation is the one thing roles change today. */
const WHO = 'mutation { unlink(id: "test-auth-tokens:none") { removed } }';

describe('bearer tokens with a shared secret (HS256)', () => {
  let api: TestApi;
  const refusals = refusalRecorder();

  beforeAll(async () => {
    api = await startTestApi({}, undefined, { auth: { anonymousRole: 'none', jwtSecret: TEST_SECRET }, onRefused: refusals.onRefused });
  });
  afterAll(async () => {
    await api.stop();
  });

  const refusedWith = async (headers: Record<string, string>, reason: string, message: RegExp) => {
    const response = await typename(api, headers);
    expect(response.status).toBe(401);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(response.errors?.[0]?.extensions?.['reason']).toBe(reason);
    expect(response.errors?.[0]?.message).toMatch(message);
    expect(JSON.stringify(response.errors)).not.toMatch(/\bat .*\.(ts|js):\d+/); // no stack trace
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    return response;
  };

  it.each(ROLES)('accepts a valid %s token', async (role) => {
    const response = await typename(api, bearer(await hs256Token({ role })));
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ __typename: 'Query' });
  });

  it('gives the token\'s role to the request: mutations for editors and admins only', async () => {
    for (const role of ROLES) {
      const response = await api.graphql(WHO, undefined, bearer(await hs256Token({ role })));
      expect({ role, status: response.status }).toEqual({ role, status: ['editor', 'admin'].includes(role) ? 200 : 403 });
    }
  });

  it('refuses a request without a token when anonymous access is none, and tells the refusal hook', async () => {
    const response = await refusedWith({}, 'anonymous_not_allowed', /Anonymous access is not allowed/);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="scam-atlas"');
    const requestId = response.headers.get('x-request-id');
    expect(refusals.events).toContainEqual({ requestId, status: 401, reason: 'anonymous_not_allowed' });
  });

  it('refuses an expired token, saying so, and names its (verified) subject to the refusal hook', async () => {
    const response = await refusedWith(bearer(await hs256Token({ role: 'editor' }, { subject: 'bob', expiresIn: -3600 })), 'expired', /expired/);
    expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(refusals.events).toContainEqual({ requestId: response.headers.get('x-request-id'), status: 401, reason: 'expired', subject: 'bob' });
  });

  it('refuses a token that is not yet valid', async () => {
    await refusedWith(bearer(await hs256Token({ role: 'editor' }, { notBeforeIn: 3600 })), 'not_yet_valid', /not yet valid/);
  });

  it('refuses a token signed with another secret', async () => {
    await refusedWith(bearer(await hs256Token({ role: 'admin' }, { secret: 'another-secret-0123456789abcdef012345' })), 'bad_signature', /bad signature/);
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await hs256Token({ role: 'viewer' })).split('.');
    const forged = Buffer.from(JSON.stringify({ role: 'admin', sub: 'alice', exp: Math.floor(Date.now() / 1000) + 3600 })).toString('base64url');
    await refusedWith(bearer(`${header}.${forged}.${signature}`), 'bad_signature', /bad signature/);
  });

  it.each([
    ['garbage', 'Bearer not-a-jwt'],
    ['two parts', 'Bearer abc.def'],
    ['a JSON-less token', 'Bearer aaaa.bbbb.cccc'],
  ])('refuses a malformed token (%s)', async (_what, authorization) => {
    await refusedWith({ authorization }, 'malformed', /malformed/);
  });

  it('refuses an Authorization header that is not a bearer token', async () => {
    await refusedWith({ authorization: `Basic ${Buffer.from('admin:admin').toString('base64')}` }, 'malformed', /Bearer <token>/);
  });

  it('refuses an unsigned token (alg: none) claiming admin', async () => {
    const unsigned = new UnsecuredJWT({ role: 'admin' }).setSubject('mallory').setExpirationTime('1h').encode();
    await refusedWith(bearer(unsigned), 'algorithm_not_allowed', /algorithm is not accepted \(accepted: HS256\)/);
  });

  it('refuses a token with no known role, naming the claim and the roles', async () => {
    await refusedWith(bearer(await hs256Token({ role: 'superuser' })), 'unknown_role', /no known role in claim "role" \(known roles: viewer, analyst, investigator, editor, admin\)/);
    await refusedWith(bearer(await hs256Token({})), 'unknown_role', /no known role/);
  });

  it('refuses tokens without a subject or an expiry', async () => {
    await refusedWith(bearer(await hs256Token({ role: 'viewer' }, { subject: undefined })), 'missing_claim', /`sub`/);
    await refusedWith(bearer(await hs256Token({ role: 'viewer' }, { expiresIn: undefined })), 'missing_claim', /`exp`/);
  });
});

describe('anonymous requests', () => {
  it('get AUTH_ANONYMOUS_ROLE: viewer may read but not write', async () => {
    const api = await startTestApi({}, undefined, { auth: { anonymousRole: 'viewer', jwtSecret: TEST_SECRET } });
    try {
      expect((await typename(api)).status).toBe(200);
      const write = await api.graphql(WHO);
      expect(write.status).toBe(403);
      expect(write.errors?.[0]?.message).toMatch(/the viewer role may not run mutations/);
    } finally {
      await api.stop();
    }
  });

  it('get AUTH_ANONYMOUS_ROLE: editor may write', async () => {
    const api = await startTestApi({}, undefined, { auth: { anonymousRole: 'editor', jwtSecret: TEST_SECRET } });
    try {
      const write = await api.graphql<{ unlink: { removed: boolean } }>(WHO);
      expect(write.status).toBe(200);
      expect(write.data).toEqual({ unlink: { removed: false } });
    } finally {
      await api.stop();
    }
  });

  it('on a server with no way to verify tokens (NEO4J_URI, nothing configured), a token is refused, not ignored', async () => {
    const api = await startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' } });
    try {
      const response = await typename(api, bearer(await hs256Token({ role: 'admin' })));
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.extensions?.['reason']).toBe('not_configured');
    } finally {
      await api.stop();
    }
  });
});

describe('the role claim (AUTH_ROLE_CLAIM)', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({}, undefined, { auth: { anonymousRole: 'none', jwtSecret: TEST_SECRET, roleClaim: 'realm_access.roles' } });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('reads a dotted path and takes the highest known role of an array, ignoring unknown values', async () => {
    const token = await hs256Token({ realm_access: { roles: ['offline_access', 'analyst', 'editor', 'uma_authorization'] } });
    const write = await api.graphql(WHO, undefined, bearer(token));
    expect(write.status).toBe(200);
    const analyst = await hs256Token({ realm_access: { roles: ['offline_access', 'analyst'] } });
    expect((await api.graphql(WHO, undefined, bearer(analyst))).status).toBe(403);
  });

  it('does not read the role from elsewhere', async () => {
    const response = await typename(api, bearer(await hs256Token({ role: 'admin', realm_access: { roles: ['uma_authorization'] } })));
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.message).toMatch(/no known role in claim "realm_access.roles"/);
  });
});

describe('the rate limit with authentication', () => {
  it('keys budgets by the token\'s subject, and by address when anonymous', async () => {
    const POINTS = 3;
    const api = await startTestApi({}, undefined, {
      auth: { anonymousRole: 'viewer', jwtSecret: TEST_SECRET },
      limits: { ...DEFAULT_OPERATION_LIMITS, costPointsPerMinute: POINTS },
    });
    try {
      const alice = bearer(await hs256Token({ role: 'viewer' }, { subject: 'alice' }));
      const bob = bearer(await hs256Token({ role: 'viewer' }, { subject: 'bob' }));
      for (let i = 0; i < POINTS; i++) expect((await typename(api, alice)).status).toBe(200);
      expect((await typename(api, alice)).status).toBe(429);
      // Same address, other subject, and anonymous: budgets of their own.
      expect((await typename(api, bob)).status).toBe(200);
      for (let i = 0; i < POINTS; i++) expect((await typename(api)).status).toBe(200);
      expect((await typename(api)).status).toBe(429);
      expect((await typename(api, bob)).status).toBe(200);
    } finally {
      await api.stop();
    }
  });
});
