import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/database/index.js';
import { openTestDatabase } from '../support/testDatabase.js';

/**
 * `tx.send` (src/database/database.ts): a statement whose answer is not needed goes out without
 * waiting, so several cost one round trip. What must hold: it runs in order with the statements
 * around it, it is committed with them, and when it fails the transaction fails with its error
 * (at the next statement, or at the commit) and nothing of it is stored.
 */
describe('statements sent without waiting', () => {
  let db: Database;
  const P = 'test-sent-statements:';
  const count = async (id: string) => {
    const { records } = await db.read<{ n: number }>('MATCH (n:SentProbe {id: $id}) RETURN count(n) AS n', { id });
    return records[0]?.get('n');
  };
  beforeAll(() => {
    db = openTestDatabase();
  });
  afterAll(async () => {
    await db.write('MATCH (n:SentProbe) WHERE n.id STARTS WITH $prefix DELETE n', { prefix: P });
    await db.close();
  });

  it('run in order with the statements after them, and commit with them; each is counted as a round trip', async () => {
    const seen: string[] = [];
    const counted = db.withObserver((event) => seen.push(event.cypher));
    const read = await counted.writeTransaction(async (tx) => {
      tx.send('CREATE (:SentProbe {id: $id, step: 1})', { id: `${P}ordered` });
      tx.send('MATCH (n:SentProbe {id: $id}) SET n.step = n.step + 1', { id: `${P}ordered` });
      const { records } = await tx.run<{ step: number }>('MATCH (n:SentProbe {id: $id}) RETURN n.step AS step', { id: `${P}ordered` });
      tx.send('MATCH (n:SentProbe {id: $id}) SET n.last = true', { id: `${P}ordered` });
      return records[0]?.get('step');
    });
    expect(read).toBe(2);
    const { records } = await db.read<{ step: number; last: boolean }>('MATCH (n:SentProbe {id: $id}) RETURN n.step AS step, n.last AS last', { id: `${P}ordered` });
    expect(records.map((r) => [r.get('step'), r.get('last')])).toEqual([[2, true]]);
    expect(seen.filter((cypher) => cypher.includes('SentProbe'))).toHaveLength(4);
  });

  it('a failure fails the statement after it with its own error, and nothing sent before it is stored', async () => {
    const failed = await db.writeTransaction(async (tx) => {
      tx.send('CREATE (:SentProbe {id: $id})', { id: `${P}before-failure` });
      tx.send('UNWIND [1, 0] AS x RETURN 1 / x');
      await tx.run('RETURN 1');
    }).then(() => undefined, (error: unknown) => error as { code?: string });
    expect(failed?.code).toBe('Neo.ClientError.Statement.ArithmeticError');
    expect(await count(`${P}before-failure`)).toBe(0);
  });

  it('a failure with nothing after it fails the commit with its own error; nothing is stored', async () => {
    const failed = await db.writeTransaction(async (tx) => {
      tx.send('CREATE (:SentProbe {id: $id})', { id: `${P}last-failure` });
      tx.send('UNWIND [1, 0] AS x RETURN 1 / x');
    }).then(() => undefined, (error: unknown) => error as { code?: string });
    expect(failed?.code).toBe('Neo.ClientError.Statement.ArithmeticError');
    expect(await count(`${P}last-failure`)).toBe(0);
  });

  it('settle() throws the failure again when asked again (a caller that catches one error can learn the cause)', async () => {
    const causes: Array<string | undefined> = [];
    await db.writeTransaction(async (tx) => {
      tx.send('UNWIND [1, 0] AS x RETURN 1 / x');
      for (let i = 0; i < 2; i += 1) causes.push(await tx.settle().then(() => 'none', (error: { code?: string }) => error.code));
    }).catch(() => undefined);
    expect(causes).toEqual(['Neo.ClientError.Statement.ArithmeticError', 'Neo.ClientError.Statement.ArithmeticError']);
  });
});
