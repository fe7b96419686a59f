/**
 * Who may see and do what: the one policy module. Resolvers, loaders and graph queries ask it; none
 * decides on its own.
 */
export { ROLES, isRole, roleAtLeast } from './roles.js';
export { mayRunMutations } from './actions.js';
