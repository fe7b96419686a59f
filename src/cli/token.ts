import { parseArgs } from 'node:util';
import { MAX_TOKEN_TTL_SECONDS, mintToken, parseTtl, resolveSigningKeys } from '../auth/index.js';
import { DEFAULT_ROLE_CLAIM, loadConfigOrReport } from '../config/index.js';
import { isRole, ROLES } from '../policy/index.js';

const USAGE = 'Usage: npm run -s token -- --role <viewer|analyst|investigator|editor|admin> --subject <name> [--ttl 8h]';
const DEFAULT_TTL = '8h';

/**
 * `npm run token -- --role investigator --subject alice --ttl 8h`: prints an HS256 token signed with
 * AUTH_JWT_SECRET, or on the embedded default with the secret generated beside the Neo4j password
 * (created here if the API has not started yet). With an identity provider (AUTH_JWKS_URL) tokens
 * come from the provider, not from here. Exit codes: 0 printed, 2 bad arguments or configuration.
 */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ options: { role: { type: 'string' }, subject: { type: 'string' }, ttl: { type: 'string', default: DEFAULT_TTL } }, strict: true }));
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
  const { role, subject, ttl } = values;
  if (!isRole(role)) return fail(`--role must be one of ${ROLES.join(', ')}${role === undefined ? '' : ` (got "${role}")`}.\n${USAGE}`);
  if (subject === undefined || subject.trim() === '') return fail(`--subject must name who the token is for (e.g. alice).\n${USAGE}`);
  const ttlSeconds = parseTtl(ttl);
  if (ttlSeconds === undefined) {
    return fail(`--ttl must be a duration such as 30m, 8h or 7d, at most ${MAX_TOKEN_TTL_SECONDS / 86_400}d (got "${ttl}").\n${USAGE}`);
  }

  const config = loadConfigOrReport();
  if (!config) return 2;
  const keys = await resolveSigningKeys(config);
  if (keys.kind === 'jwks') return fail('AUTH_JWKS_URL is set: tokens come from your identity provider. `npm run token` mints tokens for AUTH_JWT_SECRET or the embedded default only.');
  if (keys.kind === 'none') return fail('No signing secret: with NEO4J_URI set, set AUTH_JWT_SECRET (at least 32 characters) for the API and for this command.');

  const token = await mintToken({
    secret: keys.secret,
    role,
    subject: subject.trim(),
    ttlSeconds,
    roleClaim: config.auth.roleClaim ?? DEFAULT_ROLE_CLAIM,
    issuer: config.auth.issuer,
    audience: config.auth.audience,
  });
  process.stdout.write(`${token}\n`);
  return 0;
}

function fail(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

process.exitCode = await main();
