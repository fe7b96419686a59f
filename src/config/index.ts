export { loadConfig, loadConfigOrReport, ConfigError } from './config.js';
export type { Config, CorsOrigins, LogLevel, EmbeddedNeo4jConfig, ExternalNeo4jConfig } from './config.js';
export { projectRoot } from './projectRoot.js';
export * from './limits.js';
