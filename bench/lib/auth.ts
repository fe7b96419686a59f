import { mintToken } from '../../src/auth/mintToken.js';
import { DEFAULT_ROLE_CLAIM } from '../../src/config/index.js';
import type { Role } from '../../src/model/index.js';

/**
 * Who the load generator is. The bench runs authenticated: every server under test verifies the same
 * HS256 tokens (Scam Atlas through AUTH_JWT_SECRET, the peer through `features.authorization.key`,
 * the floor with jose), and each scenario's requests carry a token minted here for its role.
 */

/** The shared secret of the bench's servers: fixed, because the bench only ever listens on loopback. */
export const BENCH_JWT_SECRET = 'scam-atlas-bench-shared-secret-not-for-production';
/** The `sub` of every bench token. */
const BENCH_SUBJECT = 'bench-load-generator';
/** Long enough to outlive a 1M run (tokens are minted once per run). */
const BENCH_TOKEN_TTL_SECONDS = 24 * 3600;

/**
 * A scenario: the role the requests carry. `analyst` sees every entity; `viewer` does not see victims
 * (nor accounts held only by victims). `anonymous` sends no token to a second Scam Atlas with
 * authentication off (anonymous admin: for the bench queries the same answers as an analyst) and
 * measures what verifying a token costs; the peer is not run there (its rules need a token).
 */
export const SCENARIOS = ['analyst', 'viewer', 'anonymous'] as const;
export type Scenario = (typeof SCENARIOS)[number];
export const DEFAULT_SCENARIOS: readonly Scenario[] = ['analyst', 'viewer'];

/** The role of the anonymous Scam Atlas (AUTH_ANONYMOUS_ROLE, no secret). */
export const ANONYMOUS_ATLAS_ROLE: Role = 'admin';

/**
 * Dashboards are k-suppressed below investigator (buckets < 11 → null) and the peer cannot express
 * that suppression, so dashboard queries carry an investigator token in every scenario: exact
 * numbers on all three servers. The suppression's own cost is not measured here.
 */
export const DASHBOARD_ROLE: Role = 'investigator';

export function isScenario(value: string): value is Scenario {
  return (SCENARIOS as readonly string[]).includes(value);
}

/** Whether the scenario's role does not see victims (the viewer filters apply). */
export function hidesVictims(scenario: Scenario): boolean {
  return scenario === 'viewer';
}

/** The role a scenario's token carries for a query (a dashboard's, or the query's own); undefined: no token. */
export function roleOf(scenario: Scenario, query: { dashboard?: boolean; role?: Role }): Role | undefined {
  if (scenario === 'anonymous') return undefined;
  return query.role ?? (query.dashboard ? DASHBOARD_ROLE : scenario);
}

const tokens = new Map<Role, string>();

/** The `Authorization` header for a role (minted once per role), or none for an anonymous request. */
export async function authorizationHeader(role: Role | undefined): Promise<Record<string, string>> {
  if (role === undefined) return {};
  let token = tokens.get(role);
  if (token === undefined) {
    token = await mintToken({ secret: BENCH_JWT_SECRET, role, subject: BENCH_SUBJECT, ttlSeconds: BENCH_TOKEN_TTL_SECONDS, roleClaim: DEFAULT_ROLE_CLAIM });
    tokens.set(role, token);
  }
  return { authorization: `Bearer ${token}` };
}
