import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../../src/generator/index.js';
import { countEntities, entityFilterConditions, listEntities } from '../../src/graph/index.js';
import { PERSON_ROLES } from '../../src/model/index.js';
import { visibilityFor } from '../../src/policy/index.js';
import { grade, rel, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * `people(filter: { roles })` answered through derived labels (:TraffickingVictim, :FraudVictim)
 * when every role asked for has one, against the reference (the `roles` property tested per
 * person): on generated people with random roles, with and without a nationality, for every role
 * set, page by page, the same people and the same totals.
 */
const P = 'test-role-labels:';
const SOURCE = `${P}source`;
const COUNTRY = `${P}country`;
const random = new Prng(20261202);
const people = Array.from({ length: 60 }, (_, i) => ({
  kind: 'Person', id: `${P}person-${String(i).padStart(2, '0')}`, name: `Role label ${random.int(10)}`,
  roles: PERSON_ROLES.filter(() => random.chance(0.15)), provenance: grade(SOURCE),
}));
const nationals = people.filter(() => random.chance(0.5)).map((p) => rel('NATIONAL_OF', p.id, COUNTRY, SOURCE));
const ROLE_SETS = [['TRAFFICKING_VICTIM'], ['FRAUD_VICTIM'], ['TRAFFICKING_VICTIM', 'FRAUD_VICTIM'], ['TRAFFICKING_VICTIM', 'RECRUITER'], ['RECRUITER']];

describe('role filters through derived labels', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [
      { kind: 'Source', id: SOURCE, name: 'Role label test source' },
      { kind: 'Location', id: COUNTRY, name: 'Roleland', locationType: 'COUNTRY', countryCode: 'NU', provenance: grade(SOURCE) },
      ...people, ...nationals,
    ]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('writes a label condition only when every role asked for has a label', () => {
    expect(entityFilterConditions('Person', { roles: ['TRAFFICKING_VICTIM', 'FRAUD_VICTIM'] }).conditions).toEqual(['(n:TraffickingVictim OR n:FraudVictim)']);
    expect(entityFilterConditions('Person', { roles: ['TRAFFICKING_VICTIM', 'RECRUITER'] }).conditions[0]).toMatch(/any\(role IN/);
    expect(entityFilterConditions('Person', { roles: ['TRAFFICKING_VICTIM'] }, 'property').conditions[0]).toMatch(/any\(role IN/);
  });

  for (const roles of ROLE_SETS) {
    for (const nationality of [null, 'NU']) {
      it(`roles ${roles.join('+')}${nationality ? ' of one nationality' : ''}: the labels list and count what the property does`, async () => {
        const read = async (form: 'labels' | 'property') => {
          const { conditions, patterns, params } = entityFilterConditions('Person', { roles, nationality }, form);
          const ids: string[] = [];
          let after: { value: string; id: string } | undefined;
          let total: number | null = null;
          for (;;) {
            const page = await listEntities(api.db, {
              label: 'Person', conditions: [...conditions, 'n.id STARTS WITH $prefix'], patterns, params: { ...params, prefix: P },
              sortExpression: 'n.name', sortAlwaysSet: true, direction: 'ASC', first: 7, after, countTotal: true,
            }, visibilityFor('analyst'));
            total ??= page.totalCount;
            ids.push(...page.rows.map((row) => row.entity.id));
            if (!page.hasNextPage) break;
            const last = page.rows.at(-1)!;
            after = { value: String(last.sortValue), id: last.entity.id };
          }
          return { ids, total };
        };
        const reference = await read('property');
        expect(await read('labels')).toEqual(reference);
        const expected = people.filter((p) => p.roles.some((r) => roles.includes(r)) && (!nationality || nationals.some((n) => n.from === p.id)));
        expect(reference.total).toBe(expected.length);
      });
    }
  }

  for (const roles of ROLE_SETS) {
    it(`as a viewer, roles ${roles.join('+')}: the labels (answered without a statement when all are hidden) list and count what the property does`, async () => {
      const read = async (form: 'labels' | 'property') => {
        const { conditions, patterns, params, labelsAnyOf } = entityFilterConditions('Person', { roles }, form);
        const page = await listEntities(api.db, {
          label: 'Person', conditions: [...conditions, 'n.id STARTS WITH $prefix'], patterns, params: { ...params, prefix: P }, labelsAnyOf,
          sortExpression: 'n.name', sortAlwaysSet: true, direction: 'ASC', first: 100, after: undefined, countTotal: true,
        }, visibilityFor('viewer'));
        const count = await countEntities(api.db, { label: 'Person', conditions: [...conditions, 'n.id STARTS WITH $prefix'], patterns, params: { ...params, prefix: P }, labelsAnyOf }, visibilityFor('viewer'));
        return { ids: page.rows.map((row) => row.entity.id), total: page.totalCount, count };
      };
      const reference = await read('property');
      expect(await read('labels')).toEqual(reference);
      const victim = (p: (typeof people)[number]) => p.roles.some((r) => r === 'TRAFFICKING_VICTIM' || r === 'FRAUD_VICTIM');
      const expected = people.filter((p) => !victim(p) && p.roles.some((r) => roles.includes(r)));
      expect(reference.total).toBe(expected.length);
      expect(reference.count).toBe(expected.length);
    });
  }
});
