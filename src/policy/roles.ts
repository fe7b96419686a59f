/** The roles and their order live with the domain (src/model/roles.ts); the policy decides with them. */
export { ROLES, isRole, roleAtLeast, type Role } from '../model/index.js';
