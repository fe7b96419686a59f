import { SignJWT } from 'jose';
import type { Role } from '../model/index.js';
import { claimsWithRole } from './roleClaim.js';
import { SHARED_SECRET_ALGORITHM } from './verifyToken.js';

/** `npm run token`'s longest lifetime: a token cannot be revoked, only left to expire. */
export const MAX_TOKEN_TTL_SECONDS = 30 * 24 * 3600;
const TTL_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 24 * 3600 };
const TTL_FORMAT = /^(\d+)([smhd])$/;

export interface TokenRequest {
  secret: string;
  role: Role;
  subject: string;
  ttlSeconds: number;
  /** Where the verifier reads the role (AUTH_ROLE_CLAIM). */
  roleClaim: string;
  issuer?: string | undefined;
  audience?: string | undefined;
}

/** An HS256 token the shared or embedded secret verifies. */
export async function mintToken(request: TokenRequest): Promise<string> {
  let jwt = new SignJWT(claimsWithRole(request.roleClaim, request.role))
    .setProtectedHeader({ alg: SHARED_SECRET_ALGORITHM, typ: 'JWT' })
    .setSubject(request.subject)
    .setIssuedAt()
    .setExpirationTime(`${request.ttlSeconds}s`);
  if (request.issuer !== undefined) jwt = jwt.setIssuer(request.issuer);
  if (request.audience !== undefined) jwt = jwt.setAudience(request.audience);
  return jwt.sign(new TextEncoder().encode(request.secret));
}

/** `30m`, `8h`, `7d` → seconds; undefined when it is not such a duration or exceeds MAX_TOKEN_TTL_SECONDS. */
export function parseTtl(text: string): number | undefined {
  const match = TTL_FORMAT.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * (TTL_UNITS[match[2] ?? ''] ?? 0);
  return seconds > 0 && seconds <= MAX_TOKEN_TTL_SECONDS ? seconds : undefined;
}
