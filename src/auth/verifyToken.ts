import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import { LRUCache } from 'lru-cache';
import type { Role, Viewer } from '../model/index.js';
import { ROLES } from '../policy/index.js';
import { roleFromClaims } from './roleClaim.js';
import type { SigningKeys } from './signingKeys.js';

/** The only algorithm accepted with a shared secret. */
export const SHARED_SECRET_ALGORITHM = 'HS256';
/** Asymmetric algorithms accepted from a JWKS: never HS* (a public key used as an HMAC secret) nor `none`. */
export const JWKS_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];
/** Clock skew tolerated between us and the token's issuer, for `exp`, `nbf` and `iat`. */
const CLOCK_TOLERANCE_SECONDS = 30;
/** How long to wait for the provider's key set, and at least how long between two fetches of it. */
const JWKS_TIMEOUT_MS = 5_000;
const JWKS_COOLDOWN_MS = 30_000;
/**
 * Tokens already verified are remembered (a client sends the same one with every request, and its
 * signature check is a few per cent of a light request's CPU): at most VERIFIED_TOKENS_MAX of them,
 * each for at most VERIFIED_TOKEN_TTL_MS — within which a key removed from the provider's set or a
 * secret changed by a restart takes effect — and never past its own `exp`.
 */
export const VERIFIED_TOKENS_MAX = 10_000;
export const VERIFIED_TOKEN_TTL_MS = 60_000;

/** Why a request was refused authentication; a short code for logs and the audit, and in `extensions.reason`. */
export type AuthFailureReason =
  | 'anonymous_not_allowed'
  | 'malformed'
  | 'expired'
  | 'not_yet_valid'
  | 'bad_signature'
  | 'algorithm_not_allowed'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'missing_claim'
  | 'unknown_role'
  | 'keys_unavailable'
  | 'not_configured';

export interface AuthFailure {
  reason: AuthFailureReason;
  /** For the client: which problem, and what to do. Never the token itself. */
  message: string;
  /** From a token whose signature was verified (expired, wrong audience...); absent otherwise. */
  subject?: string;
}

export type TokenVerdict = { ok: true; viewer: Viewer } | { ok: false; failure: AuthFailure };

export interface TokenVerifier {
  verify(token: string): Promise<TokenVerdict>;
}

/** Verifies bearer tokens against `keys`, reading the role from `roleClaim` and the subject from `sub`. */
export function createTokenVerifier(keys: SigningKeys, roleClaim: string): TokenVerifier {
  if (keys.kind === 'none') {
    return {
      verify: async () => refused('not_configured', 'This server verifies no tokens (no AUTH_JWKS_URL or AUTH_JWT_SECRET is set); send the request without Authorization, or ask its operator to configure authentication.'),
    };
  }
  // `exp` and `sub` required: a token that never expires, or names nobody, is not accepted.
  const common: JWTVerifyOptions = { requiredClaims: ['exp', 'sub'], clockTolerance: CLOCK_TOLERANCE_SECONDS };
  let check: (token: string) => Promise<JWTPayload>;
  if (keys.kind === 'jwks') {
    const keySet = createRemoteJWKSet(keys.url, { timeoutDuration: JWKS_TIMEOUT_MS, cooldownDuration: JWKS_COOLDOWN_MS });
    const options: JWTVerifyOptions = { ...common, algorithms: JWKS_ALGORITHMS, issuer: keys.issuer, audience: keys.audience };
    check = async (token) => (await jwtVerify(token, keySet, options)).payload;
  } else {
    const secret = new TextEncoder().encode(keys.secret);
    const options: JWTVerifyOptions = {
      ...common,
      algorithms: [SHARED_SECRET_ALGORITHM],
      ...(keys.issuer !== undefined ? { issuer: keys.issuer } : {}),
      ...(keys.audience !== undefined ? { audience: keys.audience } : {}),
    };
    check = async (token) => (await jwtVerify(token, secret, options)).payload;
  }
  const accepted = keys.kind === 'jwks' ? JWKS_ALGORITHMS.join(', ') : SHARED_SECRET_ALGORITHM;

  const verified = new LRUCache<string, { viewer: Viewer; expiresAtMs: number }>({ max: VERIFIED_TOKENS_MAX, ttl: VERIFIED_TOKEN_TTL_MS });

  return {
    async verify(token) {
      const known = verified.get(token);
      // Past its `exp` (with the tolerance), the full check below says "expired" in its own words.
      if (known && Date.now() < known.expiresAtMs) return { ok: true, viewer: known.viewer };
      let payload: JWTPayload;
      try {
        payload = await check(token);
      } catch (error) {
        return { ok: false, failure: failureOf(error, accepted, keys.kind === 'jwks') };
      }
      const subject = typeof payload.sub === 'string' && payload.sub !== '' ? payload.sub : undefined;
      if (subject === undefined) return refused('missing_claim', 'Token has no subject (`sub`).');
      const role: Role | undefined = roleFromClaims(payload, roleClaim);
      if (role === undefined) {
        return refused('unknown_role', `Token carries no known role in claim "${roleClaim}" (known roles: ${ROLES.join(', ')}).`, subject);
      }
      const viewer: Viewer = { role, subject };
      // `exp` is required, so present; `nbf` and `iat` only get easier to meet as time passes.
      verified.set(token, { viewer, expiresAtMs: ((payload.exp ?? 0) + CLOCK_TOLERANCE_SECONDS) * 1000 });
      return { ok: true, viewer };
    },
  };
}

function refused(reason: AuthFailureReason, message: string, subject?: string): TokenVerdict {
  return { ok: false, failure: { reason, message, ...(subject !== undefined ? { subject } : {}) } };
}

/** jose's errors, as a reason and a message saying which; anything else is a token we cannot read. */
function failureOf(error: unknown, accepted: string, fetchesKeys: boolean): AuthFailure {
  // Claim failures come after the signature was checked, so their subject is genuine.
  const verifiedSubject = (payload: JWTPayload) => (typeof payload.sub === 'string' ? { subject: payload.sub } : {});
  if (error instanceof errors.JWTExpired) {
    const at = typeof error.payload.exp === 'number' ? ` at ${new Date(error.payload.exp * 1000).toISOString()}` : '';
    return { reason: 'expired', message: `Token expired${at}; get a new one.`, ...verifiedSubject(error.payload) };
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const subject = verifiedSubject(error.payload);
    if (error.claim === 'nbf') return { reason: 'not_yet_valid', message: 'Token is not yet valid (its `nbf` is in the future).', ...subject };
    if (error.claim === 'iat') return { reason: 'not_yet_valid', message: 'Token was issued in the future (`iat`); check the issuer\'s clock.', ...subject };
    if (error.claim === 'iss') return { reason: 'wrong_issuer', message: 'Token issuer (`iss`) is not the one this server accepts.', ...subject };
    if (error.claim === 'aud') return { reason: 'wrong_audience', message: 'Token audience (`aud`) is not this API.', ...subject };
    if (error.reason === 'missing') return { reason: 'missing_claim', message: `Token has no \`${error.claim}\` claim; tokens must name a subject and expire.`, ...subject };
    return { reason: 'malformed', message: `Token claim \`${error.claim}\` is invalid.`, ...subject };
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return { reason: 'bad_signature', message: 'Token has a bad signature: it was not signed with a key this server trusts.' };
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return { reason: 'bad_signature', message: 'Token has a bad signature: no key of the identity provider matches it (`kid`).' };
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return { reason: 'algorithm_not_allowed', message: `Token algorithm is not accepted (accepted: ${accepted}).` };
  }
  const fetchFailed = fetchesKeys && error instanceof Error && !(error instanceof errors.JOSEError);
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || fetchFailed) {
    // The provider's key set could not be fetched or read: not the client's fault, but no token can be checked.
    return { reason: 'keys_unavailable', message: 'Token could not be verified: the identity provider\'s signing keys are unavailable; retry later.' };
  }
  return { reason: 'malformed', message: 'Token is malformed: send a JSON Web Token (three base64url parts) as Authorization: Bearer <token>.' };
}
