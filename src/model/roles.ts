/**
 * The roles, in increasing power: each may do everything the ones before it may. Part of the domain
 * (what each sees is decided in src/policy from the domain model); here, low in the house, so that
 * configuration, the request context and the policy all read one list.
 */
export const ROLES = ['viewer', 'analyst', 'investigator', 'editor', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` is `minimum` or above it. */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}

/** Who a request is: the role it acts in and, with a verified token, its subject. */
export interface Viewer {
  role: Role;
  /** Subject of the verified token; undefined for anonymous requests. */
  subject: string | undefined;
}
