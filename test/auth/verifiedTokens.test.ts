import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, type TokenVerdict } from '../../src/auth/index.js';
import { hs256Token, TEST_SECRET } from './support.js';

/**
 * The verifier remembers tokens it accepted (src/auth/verifyToken.ts); remembering must never make
 * it accept what a full check refuses: an expired token, or a token signed with another secret.
 */
describe('remembered tokens', () => {
  const verifier = () => createTokenVerifier({ kind: 'secret', secret: TEST_SECRET, origin: 'configured', issuer: undefined, audience: undefined }, 'role');
  const reasonOf = (verdict: TokenVerdict) => (verdict.ok ? 'ok' : verdict.failure.reason);

  afterEach(() => {
    vi.useRealTimers();
  });

  it('refuses a remembered token once its exp has passed, in the full check\'s words', async () => {
    const tokens = verifier();
    const token = await hs256Token({ role: 'analyst' }, { expiresIn: 40 });
    expect(await tokens.verify(token)).toEqual({ ok: true, viewer: { role: 'analyst', subject: 'alice' } });
    // Past exp and its 30 s of tolerated skew; only the wall clock moves, so the cache, which ages its
    // entries by the monotonic clock, still holds the token (VERIFIED_TOKEN_TTL_MS has not passed).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 75_000);
    const verdict = await tokens.verify(token);
    expect(reasonOf(verdict)).toBe('expired');
  });

  it('keeps refusing a token signed with another secret, and accepts one remembered only for its own bytes', async () => {
    const tokens = verifier();
    const good = await hs256Token({ role: 'viewer' });
    const forged = await hs256Token({ role: 'admin' }, { secret: 'another-secret-0123456789abcdef0123456789' });
    expect(reasonOf(await tokens.verify(good))).toBe('ok');
    for (let i = 0; i < 3; i++) expect(reasonOf(await tokens.verify(forged))).toBe('bad_signature');
    // The same claims under the good token's header and payload with the forged signature.
    const spliced = `${good.split('.').slice(0, 2).join('.')}.${forged.split('.')[2]}`;
    expect(reasonOf(await tokens.verify(spliced))).toBe('bad_signature');
    expect(await tokens.verify(good)).toEqual({ ok: true, viewer: { role: 'viewer', subject: 'alice' } });
  });
});
