export { Database } from './database.js';
export type { CypherParams, DatabaseOptions, ObservedTransaction, QueryObserver } from './database.js';
export { connectDatabase, DatabaseConnectError } from './connect.js';
export type { DatabaseConnection } from './connect.js';
export { migrate, loadMigrations } from './migrations.js';
export type { Migration, MigrationReport } from './migrations.js';
export { isDatabaseTimeout, isDatabaseUnavailable, isRetryable } from './errors.js';
