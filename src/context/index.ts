export type { RequestContext, Role, Viewer } from './requestContext.js';
