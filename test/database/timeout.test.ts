import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Database, isDatabaseTimeout } from '../../src/database/index.js';
import { createFormatError } from '../../src/errors/index.js';

describe('the per-query database timeout', () => {
  let db: Database;
  beforeAll(() => {
    const target = inject('neo4j');
    const driver = neo4j.driver(target.uri, neo4j.auth.basic(target.username, target.password), { disableLosslessIntegers: true });
    db = new Database(driver, { database: target.database, queryTimeoutMs: 500 });
  });
  afterAll(() => db.close());

  it('ends a statement that runs past it, and the client sees TIMEOUT with the limit', async () => {
    const started = Date.now();
    const error = await db.read('CALL apoc.util.sleep(20000) RETURN 1').then(
      () => undefined,
      (e: unknown) => e,
    );
    // Neo4j checks timeouts every couple of seconds: well before the 20 s the statement asked for.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(isDatabaseTimeout(error)).toBe(true);
    const formatted = createFormatError(pino({ level: 'silent' }), 500)({ message: 'x', extensions: {} }, error);
    expect(formatted.extensions?.['code']).toBe('TIMEOUT');
    expect(formatted.message).toMatch(/timeout of 0.5 s/);
  }, 30_000);
});
