import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grade, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { importValues } from '../interchange/support.js';

/** :TraffickingVictim follows a person's roles on every kind of write (DERIVED_LABELS), and victimsByNationality counts by it. */
const P = 'test-derived-labels:';
const SOURCE = `${P}source`;

describe('derived labels', () => {
  let api: TestApi;

  const isVictim = async (id: string) => {
    const { records } = await api.db.read<{ victim: boolean }>('MATCH (p:Entity {id: $id}) RETURN p:TraffickingVictim AS victim', { id });
    return records[0]?.get('victim');
  };
  const victimsOf = async (countryCode: string) => {
    const response = await api.graphql<{ victimsByNationality: { nodes: Array<{ countryCode: string | null; victims: number }> } }>('{ victimsByNationality(first: 250) { nodes { countryCode victims } } }');
    expect(response.errors).toBeUndefined();
    return response.data?.victimsByNationality.nodes.find((row) => row.countryCode === countryCode)?.victims ?? 0;
  };

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [
      { kind: 'Source', id: SOURCE, name: 'Derived labels test source' },
      { kind: 'Location', id: `${P}country`, name: 'Zedonia', locationType: 'COUNTRY', countryCode: 'ZW', provenance: grade(SOURCE) },
    ]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('sets and removes the label as a mutation changes the roles', async () => {
    const upsert = `mutation ($input: PersonInput!) { upsertPerson(input: $input) { id } }`;
    const id = `${P}mutated`;
    const input = { id, name: 'Mutated', provenance: [{ source: SOURCE, reliability: 'B', credibility: 2 }] };
    expect((await api.graphql(upsert, { input: { ...input, roles: ['TRAFFICKING_VICTIM', 'MONEY_MULE'] } })).errors).toBeUndefined();
    expect(await isVictim(id)).toBe(true);
    // An update that leaves roles alone keeps the label.
    expect((await api.graphql(upsert, { input: { ...input, name: 'Renamed' } })).errors).toBeUndefined();
    expect(await isVictim(id)).toBe(true);
    expect((await api.graphql(upsert, { input: { ...input, roles: ['MONEY_MULE'] } })).errors).toBeUndefined();
    expect(await isVictim(id)).toBe(false);
  });

  it('sets it on import, new or updated, and victimsByNationality counts the labelled people', async () => {
    const before = await victimsOf('ZW');
    const victim = { kind: 'Person', id: `${P}imported`, name: 'Imported', roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) };
    const other = { kind: 'Person', id: `${P}other`, name: 'Other', roles: ['RECRUITER'], provenance: grade(SOURCE) };
    const links = [victim, other].map((p) => ({ type: 'NATIONAL_OF', from: p.id, to: `${P}country`, provenance: grade(SOURCE) }));
    const first = await importValues(api.db, [victim, other, ...links]);
    expect(first.rejections).toEqual([]);
    expect(await isVictim(victim.id)).toBe(true);
    expect(await isVictim(other.id)).toBe(false);
    expect(await victimsOf('ZW')).toBe(before + 1);

    // The recruiter turns out to have been trafficked too; the victim's role is corrected away.
    await importValues(api.db, [{ ...other, roles: ['RECRUITER', 'TRAFFICKING_VICTIM'] }, { ...victim, roles: ['FRAUD_VICTIM'] }]);
    expect(await isVictim(other.id)).toBe(true);
    expect(await isVictim(victim.id)).toBe(false);
    expect(await victimsOf('ZW')).toBe(before + 1);
  });
});
