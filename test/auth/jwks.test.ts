import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/processes.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { bearer, hs256Token, typename } from './support.js';

const ISSUER = 'https://idp.test/realms/scam-atlas';
const AUDIENCE = 'scam-atlas-api';

interface SigningKey {
  alg: string;
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  publicPem: string;
}

async function signingKey(alg: 'RS256' | 'ES256', kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { alg, kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' }, publicPem: await exportSPKI(publicKey) };
}

async function providerToken(key: SigningKey, claims: Record<string, unknown>, overrides: { issuer?: string; audience?: string; kid?: string } = {}): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: key.alg, kid: overrides.kid ?? key.kid, typ: 'JWT' })
    .setSubject('carol')
    .setIssuer(overrides.issuer ?? ISSUER)
    .setAudience(overrides.audience ?? AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key.privateKey);
}

describe('bearer tokens from an identity provider (JWKS)', () => {
  let api: TestApi;
  let provider: http.Server;
  let rsa: SigningKey;
  let ec: SigningKey;
  let stranger: SigningKey;
  let keySetRequests = 0;

  beforeAll(async () => {
    [rsa, ec, stranger] = await Promise.all([signingKey('RS256', 'rsa-1'), signingKey('ES256', 'ec-1'), signingKey('RS256', 'stranger')]);
    // A local stand-in for the provider's /.well-known/jwks.json: our two public keys, not the stranger's.
    provider = http.createServer((_req, res) => {
      keySetRequests += 1;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [rsa.publicJwk, ec.publicJwk] }));
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const { port } = provider.address() as AddressInfo;
    api = await startTestApi({}, undefined, {
      auth: { anonymousRole: 'none', jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: ISSUER, audience: AUDIENCE, roleClaim: 'realm_access.roles' },
    });
  });
  afterAll(async () => {
    await api.stop();
    await new Promise((resolve) => provider.close(resolve));
  });

  const reasonOf = async (token: string) => {
    const response = await typename(api, bearer(token));
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    return response.errors?.[0]?.extensions?.['reason'];
  };

  it('accepts RSA and EC tokens signed by the provider\'s keys, with the right issuer and audience', async () => {
    for (const key of [rsa, ec]) {
      const response = await typename(api, bearer(await providerToken(key, { realm_access: { roles: ['analyst'] } })));
      expect(response.status).toBe(200);
    }
    expect(keySetRequests).toBeGreaterThan(0);
  });

  it('gives the role from the token: an editor may write, an analyst may not', async () => {
    const mutation = 'mutation { unlink(id: "test-auth-jwks:none") { removed } }';
    expect((await api.graphql(mutation, undefined, bearer(await providerToken(rsa, { realm_access: { roles: ['editor'] } })))).status).toBe(200);
    expect((await api.graphql(mutation, undefined, bearer(await providerToken(rsa, { realm_access: { roles: ['analyst'] } })))).status).toBe(403);
  });

  it('refuses a token from another issuer', async () => {
    expect(await reasonOf(await providerToken(rsa, { realm_access: { roles: ['admin'] } }, { issuer: 'https://evil.test/' }))).toBe('wrong_issuer');
  });

  it('refuses a token for another audience', async () => {
    expect(await reasonOf(await providerToken(rsa, { realm_access: { roles: ['admin'] } }, { audience: 'another-app' }))).toBe('wrong_audience');
  });

  it('refuses a token signed by a key the provider does not publish', async () => {
    expect(await reasonOf(await providerToken(stranger, { realm_access: { roles: ['admin'] } }))).toBe('bad_signature');
    // The stranger's signature under one of the provider's key ids.
    expect(await reasonOf(await providerToken(stranger, { realm_access: { roles: ['admin'] } }, { kid: 'rsa-1' }))).toBe('bad_signature');
  });

  it('refuses HS256 tokens, even signed with the provider\'s public key as the secret (algorithm confusion)', async () => {
    const claims = { realm_access: { roles: ['admin'] }, iss: ISSUER, aud: AUDIENCE };
    expect(await reasonOf(await hs256Token(claims, { secret: rsa.publicPem }))).toBe('algorithm_not_allowed');
    expect(await reasonOf(await hs256Token(claims, { secret: JSON.stringify(rsa.publicJwk) }))).toBe('algorithm_not_allowed');
  });

  it('refuses a token without a role the policy knows', async () => {
    expect(await reasonOf(await providerToken(rsa, { realm_access: { roles: ['offline_access'] } }))).toBe('unknown_role');
  });
});

describe('an identity provider that does not answer', () => {
  it('gives 401 saying the keys are unavailable, not a 500', async () => {
    const port = await freePort(); // nothing listens there
    const api = await startTestApi({}, undefined, {
      auth: { anonymousRole: 'none', jwksUrl: `http://127.0.0.1:${port}/jwks.json`, issuer: ISSUER, audience: AUDIENCE },
    });
    try {
      const key = await signingKey('RS256', 'k');
      const response = await typename(api, bearer(await providerToken(key, { role: 'admin' })));
      expect(response.status).toBe(401);
      expect(response.errors?.[0]?.extensions?.['reason']).toBe('keys_unavailable');
      expect(response.errors?.[0]?.message).toMatch(/signing keys are unavailable; retry later/);
    } finally {
      await api.stop();
    }
  });
});
