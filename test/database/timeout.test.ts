import neo4j from 'neo4j-driver';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Database, DatabaseTimeoutError, isDatabaseTimeout } from '../../src/database/index.js';
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

  it('names the setting to change when a seed or import transaction runs past the bulk limit', async () => {
    const bulk = db.withTransactionTimeout(700, 'NEO4J_BULK_TIMEOUT_MS');
    const error = await bulk.writeTransaction((tx) => tx.run('CALL apoc.util.sleep(20000)')).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DatabaseTimeoutError);
    expect((error as Error).message).toBe(
      'A Neo4j transaction ran past its limit of 0.7 s (NEO4J_BULK_TIMEOUT_MS); set NEO4J_BULK_TIMEOUT_MS higher on a busy machine or a large graph.',
    );
  }, 30_000);

  it('lets the bulk view run a transaction longer than the interactive limit', async () => {
    const bulk = db.withTransactionTimeout(20_000, 'NEO4J_BULK_TIMEOUT_MS');
    const { records } = await bulk.read<{ done: boolean }>('CALL apoc.util.sleep(3000) RETURN true AS done');
    expect(records[0]?.get('done')).toBe(true);
    await expect(db.read('CALL apoc.util.sleep(3000) RETURN true AS done')).rejects.toThrow(/NEO4J_QUERY_TIMEOUT_MS/);
  }, 30_000);
});
