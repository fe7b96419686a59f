import type { ServerResponse } from 'node:http';
import type { OnRefused } from '../../auth/index.js';
import type { AuthFailure, TokenVerifier } from '../../auth/index.js';
import type { Role, Viewer } from '../../context/index.js';
import { ErrorCode } from '../../errors/index.js';
import type { HttpRequest, HttpStep } from './httpStep.js';
import { sendError } from './sendError.js';

/** Longer than any real JWT (a few KB with many groups); refused unread beyond it. */
const MAX_TOKEN_LENGTH = 8 * 1024;
const BEARER = /^Bearer +(\S+)$/i;
const REALM = 'scam-atlas';

const viewers = new WeakMap<HttpRequest, Viewer>();

/** Who the request is, as useAuthentication decided; undefined before it ran. */
export function viewerOf(req: HttpRequest): Viewer | undefined {
  return viewers.get(req);
}

export interface AuthenticationOptions {
  verifier: TokenVerifier;
  /** The role of a request without a token; `none` refuses it. */
  anonymousRole: Role | 'none';
  /** Told of every refusal before it is sent (the audit log records them). */
  onRefused?: OnRefused | undefined;
}

/**
 * Authentication, before anything else looks at the operation: `Authorization: Bearer <token>` is
 * verified (src/auth) and the viewer (role, subject) kept on the request for the rate limiter and
 * the GraphQL context; no header makes the request anonymous, with the configured anonymous role.
 * A missing (when anonymous is `none`), malformed, expired or wrongly signed token, or one without a
 * known role, is answered 401 UNAUTHENTICATED with a message saying which, `extensions.reason`,
 * and `WWW-Authenticate: Bearer` (RFC 6750).
 */
export function useAuthentication({ verifier, anonymousRole, onRefused }: AuthenticationOptions): HttpStep {
  const refuse = async (req: HttpRequest, res: ServerResponse, failure: AuthFailure, tokenGiven: boolean) => {
    if (onRefused) {
      try {
        await onRefused({ requestId: String(req.id), status: 401, reason: failure.reason, ...(failure.subject !== undefined ? { subject: failure.subject } : {}) });
      } catch (error) {
        // The refusal is sent whatever the hook does: it gives nothing away.
        req.log?.error({ err: error }, 'onRefused hook failed');
      }
    }
    req.log?.info({ reason: failure.reason, subject: failure.subject }, 'authentication refused');
    res.setHeader('WWW-Authenticate', tokenGiven ? `Bearer realm="${REALM}", error="invalid_token", error_description="${failure.reason}"` : `Bearer realm="${REALM}"`);
    sendError(req, res, 401, ErrorCode.UNAUTHENTICATED, failure.message, { reason: failure.reason });
  };

  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined || header.trim() === '') {
      if (anonymousRole === 'none') {
        return refuse(req, res, { reason: 'anonymous_not_allowed', message: 'Anonymous access is not allowed on this server: send Authorization: Bearer <token>.' }, false);
      }
      viewers.set(req, { role: anonymousRole, subject: undefined });
      return next();
    }
    const token = BEARER.exec(header.trim())?.[1];
    if (token === undefined || token.length > MAX_TOKEN_LENGTH) {
      return refuse(req, res, { reason: 'malformed', message: 'Authorization header is malformed: send Authorization: Bearer <token>, one JSON Web Token.' }, true);
    }
    const verdict = await verifier.verify(token);
    if (!verdict.ok) return refuse(req, res, verdict.failure, true);
    viewers.set(req, verdict.viewer);
    next();
  };
}
