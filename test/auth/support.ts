import { SignJWT, type JWTPayload } from 'jose';
import type { RefusalEvent } from '../../src/auth/index.js';
import type { TestApi } from '../support/testApi.js';

/** A shared secret for the tests (at least 32 characters, as the configuration requires). */
export const TEST_SECRET = 'test-secret-0123456789abcdef0123456789';

export interface TokenOptions {
  secret?: string;
  subject?: string | undefined;
  /** Seconds from now; negative for an expired token; undefined for none. */
  expiresIn?: number | undefined;
  notBeforeIn?: number;
  issuer?: string;
  audience?: string;
}

const now = () => Math.floor(Date.now() / 1000);

/** An HS256 token with `claims`, expiring in an hour unless told otherwise. */
export async function hs256Token(claims: JWTPayload, options: TokenOptions = {}): Promise<string> {
  const { secret = TEST_SECRET } = options;
  // Given as undefined, no claim at all: `in`, not a default value.
  const subject = 'subject' in options ? options.subject : 'alice';
  const expiresIn = 'expiresIn' in options ? options.expiresIn : 3600;
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt();
  if (subject !== undefined) jwt = jwt.setSubject(subject);
  if (expiresIn !== undefined) jwt = jwt.setExpirationTime(now() + expiresIn);
  if (options.notBeforeIn !== undefined) jwt = jwt.setNotBefore(now() + options.notBeforeIn);
  if (options.issuer !== undefined) jwt = jwt.setIssuer(options.issuer);
  if (options.audience !== undefined) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Records what the server's onRefused hook is told. */
export function refusalRecorder(): { events: RefusalEvent[]; onRefused: (event: RefusalEvent) => void } {
  const events: RefusalEvent[] = [];
  return { events, onRefused: (event) => void events.push(event) };
}

/** A cheap query every role may run. */
export async function typename(api: TestApi, headers: Record<string, string> = {}) {
  return api.graphql<{ __typename: string }>('{ __typename }', undefined, headers);
}
