import type { Resolvers } from '../generated/graphql.js';
import { entityResolvers } from './entityResolvers.js';

/** Every resolver of the schema, merged from one module per domain area. */
export const resolvers: Resolvers[] = [entityResolvers];
