import type { JWTPayload } from 'jose';
import type { Role } from '../model/index.js';
import { isRole, ROLES } from '../policy/index.js';

/**
 * The role a verified token grants, read from `claim`: a claim name (`role`, or a namespaced one such
 * as Auth0's `https://scam-atlas.example.org/roles`, looked up whole first) or a dotted path into
 * nested claims (`realm_access.roles`). The value may be one role or an array of them (providers put
 * every group or app role of the user there): the highest known role wins, unknown values are
 * ignored. Undefined when the claim holds no known role.
 */
export function roleFromClaims(payload: JWTPayload, claim: string): Role | undefined {
  const value = Object.hasOwn(payload, claim) ? payload[claim] : valueAtPath(payload, claim.split('.'));
  const candidates: unknown[] = Array.isArray(value) ? value : [value];
  const known = candidates.filter(isRole);
  if (known.length === 0) return undefined;
  return known.reduce((highest, role) => (ROLES.indexOf(role) > ROLES.indexOf(highest) ? role : highest));
}

/** Claims that put `role` where `claim` reads it: what `npm run token` mints. */
export function claimsWithRole(claim: string, role: Role): Record<string, unknown> {
  const names = claim.split('.');
  let claims: Record<string, unknown> = { [names.at(-1) ?? claim]: role };
  for (const name of names.slice(0, -1).reverse()) claims = { [name]: claims };
  return claims;
}

function valueAtPath(value: unknown, names: string[]): unknown {
  let current = value;
  for (const name of names) {
    if (typeof current !== 'object' || current === null || Array.isArray(current) || !Object.hasOwn(current, name)) return undefined;
    current = (current as Record<string, unknown>)[name];
  }
  return current;
}
