import type { Role } from '../model/index.js';
import { roleAtLeast } from './roles.js';

/** The least role that may write: every field of the Mutation type, `unlink` included. */
const LEAST_ROLE_TO_WRITE: Role = 'editor';

/** Whether `role` may run mutations (editors and admins). */
export function mayRunMutations(role: Role): boolean {
  return roleAtLeast(role, LEAST_ROLE_TO_WRITE);
}
