/**
 * Who may see and do what: the one policy module. Resolvers, loaders and graph queries ask it; none
 * decides on its own.
 */
export { ROLES, isRole, roleAtLeast } from './roles.js';
export { mayRunMutationFields, mayRunMutations, PERSONAL_MUTATIONS } from './actions.js';
export {
  K_ANONYMITY_THRESHOLD, SEES_EVERYTHING, VICTIM_LABELS, hidesAnything, hidesEveryLabel, protectedPropertiesFor, visibilityFor, visibilityParameters, visibleNodeCondition,
  visibleRelationshipCondition, withLens, withoutLens, type Visibility, type VictimLabel,
} from './visibility.js';
export { PRESENT, isPresent, lensKey, markLens } from './timeLens.js';
export { suppressSmallBuckets, type SuppressedCount } from './suppression.js';
