export {
  startEmbeddedNeo4j,
  findRunningEmbeddedNeo4j,
  EmbeddedNeo4jError,
  type EmbeddedNeo4j,
  type EmbeddedExit,
  type EmbeddedNeo4jErrorCode,
  type EmbeddedNeo4jOptions,
  type RunningEmbeddedNeo4j,
} from './embeddedNeo4j.js';
export { assertNoEmbeddedDatabase, bulkImportIntoNewDatabase, embeddedDatabaseExists, BulkImportError, type BulkImportErrorCode, type BulkImportFiles, type BulkImportOptions } from './bulkImport.js';
export { copyPreparedStore, prepareStore, preparedStoreKey, PREPARED_STORE_DIR, type PreparedStoreOptions, type PrepareResult } from './preparedStore.js';
