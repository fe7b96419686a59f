import type { Role } from '../context/index.js';

/** The roles, in increasing power: each may do everything the ones before it may. */
export const ROLES = ['viewer', 'analyst', 'investigator', 'editor', 'admin'] as const satisfies readonly Role[];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` is `minimum` or above it. */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}
