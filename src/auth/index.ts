/**
 * Authentication: who a request is. Bearer tokens are verified with jose against an identity
 * provider's JWKS or a shared (or the embedded default's generated) HS256 secret; the role comes
 * from a configurable claim. What each role may do is src/policy's business, not this room's.
 */
export { createTokenVerifier, type AuthFailure, type AuthFailureReason, type TokenVerdict, type TokenVerifier } from './verifyToken.js';
export { resolveSigningKeys, type SigningKeys } from './signingKeys.js';
export { loadOrCreateSigningSecret, SIGNING_SECRET_FILE } from './signingSecret.js';
export { mintToken, parseTtl, MAX_TOKEN_TTL_SECONDS, type TokenRequest } from './mintToken.js';
export { exposureProblem, isLoopback } from './exposure.js';
export type { OnRefused, RefusalEvent } from './refusal.js';
