export { startServer, GRAPHQL_PATH } from './createServer.js';
export type { RunningServer, ServerDependencies } from './createServer.js';
export type { RequestContext, Role, Viewer } from '../context/index.js';
export { ROUND_TRIP_HEADER } from './plugins/index.js';
export type { OnRefused, RefusalEvent } from '../auth/index.js';
