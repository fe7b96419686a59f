export { loadConfig, loadConfigOrReport, ConfigError, DEFAULT_OPERATION_LIMITS } from './config.js';
export type { Config, CorsOrigins, LogLevel, EmbeddedNeo4jConfig, ExternalNeo4jConfig, OperationLimits } from './config.js';
export { projectRoot } from './projectRoot.js';
export * from './limits.js';
