import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entityFilterConditions, listEntities, type EntityListQuery } from '../../src/graph/index.js';
import { SEES_EVERYTHING } from '../../src/policy/index.js';
import { grade, rel, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/testApi.js';

/**
 * The country filters (`scamCentres(filter: {country})`, `people(filter: {nationality})`) are
 * matched as patterns from the country, not tested per entity: an entity the pattern reaches twice
 * (a centre located in a city and in its country) must still be listed and counted once.
 */
const P = 'test-list-filters:';
const SOURCE = `${P}source`;
const COUNTRY = 'HM';

const records = [
  { kind: 'Source', id: SOURCE, name: 'List filters test source', publisher: 'Test Press' },
  { kind: 'Location', id: `${P}country`, name: 'Filterland', locationType: 'COUNTRY', countryCode: COUNTRY, provenance: grade(SOURCE) },
  { kind: 'Location', id: `${P}city`, name: 'Filter City', locationType: 'CITY', countryCode: COUNTRY, provenance: grade(SOURCE) },
  { kind: 'Location', id: `${P}elsewhere`, name: 'Otherland', locationType: 'COUNTRY', countryCode: 'ZW', provenance: grade(SOURCE) },
  rel('LOCATED_IN', `${P}city`, `${P}country`, SOURCE),
  // a: in the city and in the country (two paths to one centre); b: in the city only;
  // c: raided, in the country; d: active, elsewhere.
  { kind: 'ScamCentre', id: `${P}a`, name: 'Centre A', status: 'ACTIVE', provenance: grade(SOURCE) },
  { kind: 'ScamCentre', id: `${P}b`, name: 'Centre B', status: 'ACTIVE', provenance: grade(SOURCE) },
  { kind: 'ScamCentre', id: `${P}c`, name: 'Centre C', status: 'RAIDED', provenance: grade(SOURCE) },
  { kind: 'ScamCentre', id: `${P}d`, name: 'Centre D', status: 'ACTIVE', provenance: grade(SOURCE) },
  rel('LOCATED_IN', `${P}a`, `${P}city`, SOURCE),
  rel('LOCATED_IN', `${P}a`, `${P}country`, SOURCE),
  rel('LOCATED_IN', `${P}b`, `${P}city`, SOURCE),
  rel('LOCATED_IN', `${P}c`, `${P}country`, SOURCE),
  rel('LOCATED_IN', `${P}d`, `${P}elsewhere`, SOURCE),
  { kind: 'Person', id: `${P}x`, name: 'Person X', roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) },
  { kind: 'Person', id: `${P}y`, name: 'Person Y', roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) },
  rel('NATIONAL_OF', `${P}x`, `${P}country`, SOURCE),
  rel('NATIONAL_OF', `${P}y`, `${P}elsewhere`, SOURCE),
];

const CENTRES = `query Centres($country: CountryCode!, $statuses: [ScamCentreStatus!], $first: Int!, $after: String) {
  scamCentres(filter: { country: $country, statuses: $statuses }, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id } }
  }
}`;
type CentresData = { scamCentres: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string } }> } };

describe('list filters through a country', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, records);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  /** Every page of the filtered list, one at a time, and the totals each page reported. */
  async function allPages(variables: Record<string, unknown>): Promise<{ ids: string[]; totals: number[] }> {
    const ids: string[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const response: GraphQLResponse<CentresData> = await api.graphql<CentresData>(CENTRES, { ...variables, first: 1, after });
      expect(response.errors).toBeUndefined();
      const connection: CentresData['scamCentres'] = response.data!.scamCentres;
      ids.push(...connection.edges.map((e) => e.node.id));
      totals.push(connection.totalCount);
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    return { ids, totals };
  }

  it('lists and counts a centre reached through its city and its country once', async () => {
    const active = await allPages({ country: COUNTRY, statuses: ['ACTIVE'] });
    expect(active.ids).toEqual([`${P}a`, `${P}b`]);
    expect(active.totals).toEqual([2, 2]);
    const any = await allPages({ country: COUNTRY.toLowerCase() });
    expect(any.ids).toEqual([`${P}a`, `${P}b`, `${P}c`]);
    expect(any.totals).toEqual([3, 3, 3]);
  });

  it('gives the same answer from the count + page form as from the one-pass form', async () => {
    const { conditions, patterns, params } = entityFilterConditions('ScamCentre', { country: COUNTRY });
    expect(patterns).toHaveLength(1);
    const query: EntityListQuery = { label: 'ScamCentre', conditions, patterns, params, sortExpression: 'n.name', direction: 'ASC', first: 2, after: undefined, countTotal: true };
    const onePass = await listEntities(api.db, query, SEES_EVERYTHING);
    const counted = await listEntities(api.db, query, SEES_EVERYTHING, 1);
    for (const page of [onePass, counted]) {
      expect(page.rows.map((r) => r.entity.id)).toEqual([`${P}a`, `${P}b`]);
      expect(page.totalCount).toBe(3);
      expect(page.hasNextPage).toBe(true);
    }
  });

  it('filters people by nationality', async () => {
    const response = await api.graphql<{ people: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      `query { people(filter: { nationality: ${COUNTRY} }) { totalCount edges { node { id } } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.people.edges.map((e) => e.node.id)).toEqual([`${P}x`]);
    expect(response.data!.people.totalCount).toBe(1);
  });
});
