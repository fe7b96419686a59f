export { findEntitiesByIds } from './entities.js';
