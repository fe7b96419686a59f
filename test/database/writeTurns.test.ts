import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabaseTimeoutError, type Database } from '../../src/database/index.js';
import { openTestDatabase } from '../support/testDatabase.js';

/**
 * Write transactions from one process take turns (src/database/database.ts, `inTransaction`): a
 * second writer starts only when the first has committed, a writer that cannot get its turn within
 * its limit fails with a timeout that says so, and reads never wait for writers.
 */
describe('write turns', () => {
  let db: Database;
  const P = 'test-write-turns:';
  beforeAll(() => {
    db = openTestDatabase();
  });
  afterAll(async () => {
    await db.write('MATCH (n:WriteTurnProbe) WHERE n.id STARTS WITH $prefix DELETE n', { prefix: P });
    await db.close();
  });

  it('runs one process\u2019s writers one after another, across views of the database', async () => {
    const spans: Array<{ writer: number; start: number; end: number }> = [];
    const views = [db, db.withObserver(() => undefined), db.withDeadline(Date.now() + 30_000), db.withTransactionTimeout(30_000, 'A_TEST_LIMIT')];
    await Promise.all(views.flatMap((view, v) => [0, 1].map((k) => view.writeTransaction(async (tx) => {
      const start = performance.now();
      await tx.run('CREATE (:WriteTurnProbe {id: $id})', { id: `${P}${v}-${k}` });
      await new Promise((resolve) => setTimeout(resolve, 30));
      spans.push({ writer: v * 2 + k, start, end: performance.now() });
    }))));
    spans.sort((a, b) => a.start - b.start);
    for (let i = 1; i < spans.length; i++) expect(spans[i]!.start).toBeGreaterThanOrEqual(spans[i - 1]!.end);
    const { records } = await db.read<{ n: number }>('MATCH (n:WriteTurnProbe) WHERE n.id STARTS WITH $prefix RETURN count(n) AS n', { prefix: P });
    expect(records[0]?.get('n')).toBe(8);
  });

  it('a writer that cannot get its turn within its limit fails with a timeout naming the limit; reads go on meanwhile', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = db.writeTransaction(async (tx) => {
      await tx.run('CREATE (:WriteTurnProbe {id: $id})', { id: `${P}holder` });
      await held;
    });
    const impatient = db.withTransactionTimeout(300, 'A_SHORT_LIMIT');
    const second = impatient.writeTransaction((tx) => tx.run('CREATE (:WriteTurnProbe {id: $id})', { id: `${P}impatient` }));
    const read = await db.read<{ one: number }>('RETURN 1 AS one');
    expect(read.records[0]?.get('one')).toBe(1);
    const error = await second.catch((e: unknown) => e);
    release();
    await first;
    expect(error).toBeInstanceOf(DatabaseTimeoutError);
    expect((error as Error).message).toMatch(/waited past its limit of 0\.3 s \(A_SHORT_LIMIT\), waiting for the writes before it/);
    const { records } = await db.read<{ n: number }>('MATCH (n:WriteTurnProbe {id: $id}) RETURN count(n) AS n', { id: `${P}impatient` });
    expect(records[0]?.get('n')).toBe(0);
    // The turn it gave up is not lost: the next writer gets one.
    await db.writeTransaction((tx) => tx.run('CREATE (:WriteTurnProbe {id: $id})', { id: `${P}after` }));
  });
});
