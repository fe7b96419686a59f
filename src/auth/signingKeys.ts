import type { Config } from '../config/index.js';
import { loadOrCreateSigningSecret } from './signingSecret.js';

/**
 * How tokens are verified, decided once at start from the configuration:
 * - `jwks`: an identity provider's public keys (AUTH_JWKS_URL), with issuer and audience checks;
 * - `secret`: a shared HS256 secret, configured (AUTH_JWT_SECRET) or, on the embedded default with
 *   nothing configured, generated beside the Neo4j password (`embedded`);
 * - `none`: a server on NEO4J_URI with nothing configured accepts no tokens (anonymous only).
 */
export type SigningKeys =
  | { kind: 'jwks'; url: URL; issuer: string; audience: string }
  | { kind: 'secret'; secret: string; origin: 'configured' | 'embedded'; issuer: string | undefined; audience: string | undefined }
  | { kind: 'none' };

export async function resolveSigningKeys(config: Pick<Config, 'auth' | 'neo4j'>): Promise<SigningKeys> {
  const { auth } = config;
  if (auth.jwksUrl !== undefined) {
    if (auth.issuer === undefined || auth.audience === undefined) throw new Error('AUTH_ISSUER and AUTH_AUDIENCE must be set with AUTH_JWKS_URL');
    return { kind: 'jwks', url: new URL(auth.jwksUrl), issuer: auth.issuer, audience: auth.audience };
  }
  if (auth.jwtSecret !== undefined) {
    return { kind: 'secret', secret: auth.jwtSecret, origin: 'configured', issuer: auth.issuer, audience: auth.audience };
  }
  if (config.neo4j.mode === 'embedded') {
    return { kind: 'secret', secret: await loadOrCreateSigningSecret(config.neo4j.dataDir), origin: 'embedded', issuer: auth.issuer, audience: auth.audience };
  }
  return { kind: 'none' };
}
