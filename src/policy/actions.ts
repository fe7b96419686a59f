import type { Role } from '../model/index.js';
import { roleAtLeast } from './roles.js';

/** The least role that may write the graph: every field of the Mutation type but the personal ones, `unlink` included. */
const LEAST_ROLE_TO_WRITE: Role = 'editor';

/**
 * Mutations that write nothing of the network, only the subject's own records (watch rules and
 * their alerts): open to every role that may read, since each reads and changes only what belongs to
 * the token's subject (the resolvers refuse a request without one). Named one by one, so a new
 * mutation is an editor's until it is added here on purpose.
 */
export const PERSONAL_MUTATIONS: ReadonlySet<string> = new Set(['createWatchRule', 'deleteWatchRule', 'acknowledgeAlert', 'acknowledgeAlerts']);

/** Whether `role` may run mutations that write the graph (editors and admins). */
export function mayRunMutations(role: Role): boolean {
  return roleAtLeast(role, LEAST_ROLE_TO_WRITE);
}

/** Whether `role` may run a mutation operation selecting these root fields: every role for personal ones only. */
export function mayRunMutationFields(role: Role, fields: Iterable<string>): boolean {
  if (mayRunMutations(role)) return true;
  for (const field of fields) if (!PERSONAL_MUTATIONS.has(field)) return false;
  return true;
}
