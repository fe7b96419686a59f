export { ENTITY_LABELS } from './entity.js';
export type { EntityLabel, EntityModel } from './entity.js';
