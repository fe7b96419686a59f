import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, type Database } from '../../src/database/index.js';
import { splitStatements } from '../../src/database/migrations.js';
import { openTestDatabase } from '../support/testDatabase.js';

describe('migrations', () => {
  let db: Database;
  beforeAll(() => {
    db = openTestDatabase();
  });
  afterAll(() => db.close());

  it('are versioned files with statements', async () => {
    const migrations = await loadMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
    for (const migration of migrations) expect(migration.statements.length).toBeGreaterThan(0);
  });

  it('split statements on semicolons and drop comment lines', () => {
    expect(splitStatements('// a comment; with a semicolon\nCREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.a);\n\nRETURN 1;\n')).toEqual([
      'CREATE INDEX a IF NOT EXISTS FOR (n:X) ON (n.a)',
      'RETURN 1',
    ]);
  });

  it('backfill :TraffickingVictim on people stored before the label existed (migration 0005, in batches)', async () => {
    const prefix = 'test-migration-0005:';
    await db.write(
      `UNWIND range(1, 6) AS i
       CREATE (:Entity:Person {id: $prefix + i, name: 'Person ' + i, roles: CASE WHEN i % 2 = 0 THEN ['TRAFFICKING_VICTIM', 'MONEY_MULE'] ELSE ['RECRUITER'] END})`,
      { prefix },
    );
    try {
      await db.write('MATCH (m:SchemaMigration {version: 5}) DELETE m');
      const report = await migrate(db, pino({ level: 'silent' }));
      expect(report.applied).toEqual(['0005_trafficking_victim_label']);
      const { records } = await db.read<{ id: string; victim: boolean }>(
        'MATCH (p:Person) WHERE p.id STARTS WITH $prefix RETURN p.id AS id, p:TraffickingVictim AS victim ORDER BY id',
        { prefix },
      );
      expect(records.map((r) => [r.get('id'), r.get('victim')])).toEqual([1, 2, 3, 4, 5, 6].map((i) => [`${prefix}${i}`, i % 2 === 0]));
    } finally {
      await db.write('MATCH (p:Entity) WHERE p.id STARTS WITH $prefix DETACH DELETE p', { prefix });
    }
  });

  it('have been applied at start: unique Entity.id and the fulltext index exist', async () => {
    const constraints = await db.read<{ name: string }>('SHOW CONSTRAINTS YIELD name RETURN name');
    expect(constraints.records.map((r) => r.get('name'))).toContain('entity_id_unique');
    const indexes = await db.read<{ name: string; type: string; state: string }>('SHOW INDEXES YIELD name, type, state RETURN name, type, state');
    const search = indexes.records.find((r) => r.get('name') === 'entity_search');
    expect(search?.get('type')).toBe('FULLTEXT');
    expect(search?.get('state')).toBe('ONLINE');
  });

  it('are idempotent: a second run applies nothing and changes no schema', async () => {
    const before = await db.read('SHOW INDEXES YIELD name RETURN count(*) AS n');
    const report = await migrate(db, pino({ level: 'silent' }));
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied.length).toBe((await loadMigrations()).length);
    const after = await db.read('SHOW INDEXES YIELD name RETURN count(*) AS n');
    expect(after.records[0]?.get('n')).toBe(before.records[0]?.get('n'));
  });

  it('enforce a unique id across entities', async () => {
    await db.write(`MATCH (n:Entity {id: 'test-migrations:dup'}) DETACH DELETE n`);
    await db.write(`CREATE (:Entity:Person {id: 'test-migrations:dup', name: 'one'})`);
    await expect(db.write(`CREATE (:Entity:Organization {id: 'test-migrations:dup', name: 'two'})`)).rejects.toThrow(/already exists/);
    await db.write(`MATCH (n:Entity {id: 'test-migrations:dup'}) DETACH DELETE n`);
  });

  it('make names, aliases and identifiers searchable through the fulltext index', async () => {
    await db.write(`MATCH (n:Entity {id: 'test-migrations:ft'}) DETACH DELETE n`);
    await db.write(`CREATE (:Entity:Account {id: 'test-migrations:ft', name: 'Wallet', aliases: ['Golden Lotus'], identifiers: ['TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE']})`);
    // The index is eventually consistent (migration 0004): wait for it to take the write in.
    await db.write('CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()');
    const byAlias = await db.read(`CALL db.index.fulltext.queryNodes('entity_search', 'lotus') YIELD node RETURN node.id AS id`);
    expect(byAlias.records.map((r) => r.get('id'))).toContain('test-migrations:ft');
    const byIdentifier = await db.read(`CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node RETURN node.id AS id`, { q: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE' });
    expect(byIdentifier.records.map((r) => r.get('id'))).toContain('test-migrations:ft');
    await db.write(`MATCH (n:Entity {id: 'test-migrations:ft'}) DETACH DELETE n`);
  });
});
