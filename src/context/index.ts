export type { RequestContext, RequestCost, Role, Viewer } from './requestContext.js';
