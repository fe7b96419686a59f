import net from 'node:net';
import type { Config } from '../config/index.js';
import { roleAtLeast } from '../policy/index.js';

/**
 * Secure by default: why this configuration must not serve a network, or undefined when it may.
 * On a non-loopback HOST the server needs real authentication: an identity provider's JWKS or a
 * shared secret (AUTH_JWKS_URL / AUTH_JWT_SECRET). The embedded default's generated secret counts
 * too, but only while anonymous requests get at most `viewer` (or none): then tokens are minted only
 * by whoever can read the data folder, and the network sees what the public may see. An anonymous
 * role above viewer on a network, without configured authentication, would hand that role to anyone.
 */
export function exposureProblem(config: Pick<Config, 'http' | 'auth' | 'neo4j'>): string | undefined {
  if (isLoopback(config.http.host)) return undefined;
  const { auth } = config;
  if (auth.jwksUrl !== undefined || auth.jwtSecret !== undefined) return undefined;
  const anonymousAtMostViewer = auth.anonymousRole === 'none' || !roleAtLeast(auth.anonymousRole, 'analyst');
  if (config.neo4j.mode === 'embedded' && anonymousAtMostViewer) return undefined;
  const anonymous = `AUTH_ANONYMOUS_ROLE=${auth.anonymousRole}`;
  return (
    `HOST=${config.http.host} serves the network, but no authentication is configured` +
    (config.neo4j.mode === 'embedded' ? ` and anonymous requests would be ${anonymous}` : '') +
    '. Set AUTH_JWKS_URL with AUTH_ISSUER and AUTH_AUDIENCE (an identity provider), or AUTH_JWT_SECRET (a shared secret of at least 32 characters)' +
    (config.neo4j.mode === 'embedded' ? ', or AUTH_ANONYMOUS_ROLE=viewer (or none) to use the generated secret and `npm run token`' : '') +
    '; or keep HOST=127.0.0.1. See "Authentication" in README.md.'
  );
}

/** 127.0.0.0/8, ::1 (and its IPv4-mapped form), `localhost`: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (name === 'localhost' || name === '::1') return true;
  const ipv4 = name.startsWith('::ffff:') ? name.slice('::ffff:'.length) : name;
  return net.isIPv4(ipv4) && ipv4.startsWith('127.');
}
