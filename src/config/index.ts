export { loadConfig, loadConfigOrReport, ConfigError, DEFAULT_OPERATION_LIMITS, DEFAULT_ROLE_CLAIM, MIN_JWT_SECRET_LENGTH } from './config.js';
export type { AuthConfig, Config, CorsOrigins, LogLevel, EmbeddedNeo4jConfig, ExternalNeo4jConfig, OperationLimits } from './config.js';
export { projectRoot } from './projectRoot.js';
export * from './limits.js';
