import type { Role } from '../context/index.js';

/** The roles, in increasing power: each may do everything the ones before it may. */
export const ROLES: readonly Role[] = ['viewer', 'analyst', 'investigator', 'editor', 'admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` is `minimum` or above it. */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}
