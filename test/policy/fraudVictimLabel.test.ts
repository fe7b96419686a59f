import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../src/database/index.js';
import { grade, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/** :FraudVictim, the label viewers' reads test, follows a person's roles on writes, and migration 0007 backfills it. */
const P = 'test-policy-fraud-label:';
const SOURCE = `${P}source`;

describe(':FraudVictim', () => {
  let api: TestApi;
  const labelled = async (id: string) => {
    const { records } = await api.db.read<{ victim: boolean }>('MATCH (p:Entity {id: $id}) RETURN p:FraudVictim AS victim', { id });
    return records[0]?.get('victim');
  };
  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [{ kind: 'Source', id: SOURCE, name: 'FraudVictim label test source' }]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('is set and removed as a write changes the roles', async () => {
    const person = { kind: 'Person', id: `${P}person`, name: 'Label test person', provenance: grade(SOURCE) };
    await writeRecords(api.db, [{ ...person, roles: ['FRAUD_VICTIM'] }]);
    expect(await labelled(person.id)).toBe(true);
    await writeRecords(api.db, [{ ...person, roles: ['MONEY_MULE'] }]);
    expect(await labelled(person.id)).toBe(false);
  });

  it('is backfilled by migration 0007 on people stored before it existed', async () => {
    await api.db.write(
      `UNWIND range(1, 4) AS i
       CREATE (:Entity:Person {id: $prefix + 'old-' + i, name: 'Old ' + i, roles: CASE WHEN i % 2 = 0 THEN ['FRAUD_VICTIM'] ELSE ['RECRUITER'] END})`,
      { prefix: P },
    );
    // Its statements run as migrate() runs them, without touching the migration records other tests read.
    const migration = (await loadMigrations()).find((m) => m.version === 7);
    expect(migration?.name).toBe('fraud_victim_label');
    for (const statement of migration!.statements) await api.db.runAutoCommit(statement, {}, 60_000);
    for (const i of [1, 2, 3, 4]) expect(await labelled(`${P}old-${i}`)).toBe(i % 2 === 0);
  });
});
