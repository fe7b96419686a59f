import neo4j from 'neo4j-driver';
import { inject } from 'vitest';
import { Database } from '../../src/database/index.js';

/** A Database on the tests' Neo4j (the global setup's), without an API: for tests of the database layer itself. Close it after. */
export function openTestDatabase(): Database {
  const target = inject('neo4j');
  return new Database(neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), { disableLosslessIntegers: true }), {
    database: target.database,
    queryTimeoutMs: 60_000,
  });
}
