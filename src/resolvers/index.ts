import type { Resolvers } from '../generated/graphql.js';
import { auditResolvers } from './auditResolvers.js';
import { entityResolvers } from './entityResolvers.js';
import { exportResolvers } from './exportResolvers.js';
import { geographyResolvers } from './geography.js';
import { timelineResolvers } from './timelineResolvers.js';
import { investigationResolvers } from './investigationResolvers.js';
import { listResolvers } from './listResolvers.js';
import { mutationResolvers } from './mutationResolvers.js';
import { relationshipResolvers } from './relationshipResolvers.js';
import { resolutionResolvers } from './resolutionResolvers.js';
import { scalarResolvers } from './scalars.js';
import { viewerResolvers } from './viewerResolvers.js';
import { watchResolvers } from './watchResolvers.js';

/** Every resolver of the schema, merged from one module per concern. */
export const resolvers: Resolvers[] = [scalarResolvers, entityResolvers, relationshipResolvers, listResolvers, mutationResolvers, investigationResolvers, auditResolvers, viewerResolvers, exportResolvers, geographyResolvers, timelineResolvers, resolutionResolvers, watchResolvers];
