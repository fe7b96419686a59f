import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grade, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { importValues } from '../interchange/support.js';
import { startTestApi, type GraphQLResponse, type TestApi } from '../support/testApi.js';

/**
 * Input that cannot mean what it says is refused with BAD_USER_INPUT and a reason, never answered
 * with an empty list (issue 15, part 3): windows that end before they start, country codes outside
 * ISO 3166-1, and cursors used on a list or in an order other than the one that gave them.
 */
const P = 'test-silent-nonsense:';
const SOURCE = `${P}source`;

function refusal(response: GraphQLResponse, pattern: RegExp): void {
  expect(response.errors?.[0]?.extensions?.['code'], JSON.stringify(response.errors)).toBe('BAD_USER_INPUT');
  expect(response.errors?.[0]?.message).toMatch(pattern);
}

describe('no silent nonsense', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [
      { kind: 'Source', id: SOURCE, name: 'Silent nonsense test source' },
      ...['a', 'b', 'c'].map((x) => ({ kind: 'Person', id: `${P}person-${x}`, name: `Nonsense ${x}`, provenance: grade(SOURCE) })),
      ...['a', 'b', 'c'].map((x) => ({ kind: 'ScamCentre', id: `${P}centre-${x}`, name: `Nonsense centre ${x}`, provenance: grade(SOURCE) })),
      { type: 'ASSOCIATED_WITH', id: `${P}link-ab`, from: `${P}person-a`, to: `${P}person-b`, provenance: grade(SOURCE) },
      { type: 'ASSOCIATED_WITH', id: `${P}link-ac`, from: `${P}person-a`, to: `${P}person-c`, provenance: grade(SOURCE) },
    ]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  describe('time windows that end before they start', () => {
    const since = '2024-06-01T00:00:00Z';
    const until = '2024-01-01T00:00:00Z';
    it('transfers(filter) refuses until before since, and until equal to since', async () => {
      refusal(await api.graphql(`{ transfers(filter: { since: "${since}", until: "${until}" }) { totalCount } }`), /filter\.until must be after filter\.since/);
      refusal(await api.graphql(`{ transfers(filter: { since: "${since}", until: "${since}" }) { totalCount } }`), /filter\.until must be after filter\.since/);
      expect((await api.graphql(`{ transfers(filter: { since: "${until}", until: "${since}" }) { totalCount } }`)).errors).toBeUndefined();
    });
    it('moneyTrail, flowsByCurrencyAndMonth, auditEvents, paths and operations refuse them too', async () => {
      refusal(await api.graphql(`{ moneyTrail(accountId: "${P}none", since: "${since}", until: "${until}") { origin { id } } }`), /until must be after since/);
      refusal(await api.graphql(`{ flowsByCurrencyAndMonth(since: "${since}", until: "${until}") { nodes { month } } }`), /until must be after since/);
      refusal(await api.graphql(`{ auditEvents(since: "${since}", until: "${until}") { totalCount } }`), /until must be after since/);
      refusal(await api.graphql(`{ paths(from: "${P}person-a", to: "${P}person-b", filter: { since: "${since}", until: "${until}" }) { length } }`), /filter\.until must be after filter\.since/);
      refusal(await api.graphql('{ operations(filter: { activeSince: "2024-06-01", activeUntil: "2024-01-01" }) { totalCount } }'), /filter\.activeUntil must be on or after filter\.activeSince/);
      expect((await api.graphql('{ operations(filter: { activeSince: "2024-01-01", activeUntil: "2024-01-01" }) { totalCount } }')).errors).toBeUndefined();
    });
  });

  describe('country codes outside ISO 3166-1', () => {
    it('refuses UK (saying GB), QQ, ZZ and AB as filters, and takes real codes in either case', async () => {
      const uk = await api.graphql('query ($c: CountryCode) { people(filter: { nationality: $c }) { totalCount } }', { c: 'UK' });
      refusal(uk, /"UK" is not an ISO 3166-1 alpha-2 country code \(the code is GB\)/);
      for (const code of ['QQ', 'ZZ', 'AB']) refusal(await api.graphql('query ($c: CountryCode) { scamCentres(filter: { country: $c }) { totalCount } }', { c: code }), new RegExp(`"${code}" is not an ISO 3166-1 alpha-2 country code`));
      // Written into the document, the same reason (a validation error of the document).
      expect((await api.graphql('{ people(filter: { nationality: "UK" }) { totalCount } }')).errors?.[0]?.message).toMatch(/"UK" is not an ISO 3166-1 alpha-2 country code \(the code is GB\)/);
      refusal(await api.graphql('query ($c: [CountryCode!]) { victimsByNationality(nationalities: $c) { nodes { countryCode } } }', { c: ['MY', 'ZZ'] }), /"ZZ" is not an ISO 3166-1/);
      for (const code of ['gb', 'MM', 'xk']) expect((await api.graphql('query ($c: CountryCode) { people(filter: { nationality: $c }) { totalCount } }', { c: code })).errors).toBeUndefined();
    });
    it('refuses them in writes and imports, writing nothing', async () => {
      const write = await api.graphql('mutation ($input: LocationInput!) { upsertLocation(input: $input) { id } }', {
        input: { id: `${P}place`, name: 'Nowhere', locationType: 'COUNTRY', countryCode: 'ZZ', provenance: [{ source: SOURCE, reliability: 'B', credibility: 2 }] },
      });
      refusal(write, /"ZZ" is not an ISO 3166-1/);
      const imported = await importValues(api.db, [{ kind: 'Organization', id: `${P}org`, name: 'Registered in the UK', jurisdiction: 'UK', provenance: grade(SOURCE) }]);
      expect(imported.rejections.map((r) => r.reason).join(' ')).toMatch(/"UK" is not an ISO 3166-1 alpha-2 country code \(the code is GB\)/);
      const { records } = await api.db.read<{ n: number }>('MATCH (n:Entity) WHERE n.id IN $ids RETURN count(n) AS n', { ids: [`${P}place`, `${P}org`] });
      expect(records[0]?.get('n')).toBe(0);
    });
  });

  describe('cursors on the list and in the order that gave them', () => {
    const endCursor = (response: GraphQLResponse, field: string) => (response.data as Record<string, { pageInfo: { endCursor: string } }>)[field]!.pageInfo.endCursor;
    it('a cursor of people is refused by scamCentres, and one taken by NAME by an ID ordering or the other direction', async () => {
      const first = await api.graphql(`{ people(filter: { illustrative: false }, first: 1) { pageInfo { endCursor } } }`);
      const cursor = endCursor(first, 'people');
      expect((await api.graphql('query ($after: String) { people(first: 1, after: $after) { totalCount } }', { after: cursor })).errors).toBeUndefined();
      refusal(await api.graphql('query ($after: String) { scamCentres(first: 1, after: $after) { totalCount } }', { after: cursor }), /after is a cursor of another list or ordering \(Person by NAME ASC\), not of this one \(ScamCentre by NAME ASC\)/);
      refusal(await api.graphql('query ($after: String) { people(first: 1, after: $after, orderBy: { field: ID }) { totalCount } }', { after: cursor }), /not of this one \(Person by ID ASC\)/);
      refusal(await api.graphql('query ($after: String) { people(first: 1, after: $after, orderBy: { field: NAME, direction: DESC }) { totalCount } }', { after: cursor }), /not of this one \(Person by NAME DESC\)/);
      refusal(await api.graphql('query ($before: String) { people(last: 1, before: $before, orderBy: { field: ID }) { totalCount } }', { before: cursor }), /before is a cursor of another list/);
    });
    it('a relationships cursor serves any entity\u2019s relationships but no list, and a list cursor no relationships', async () => {
      const page = await api.graphql<{ node: { relationships: { pageInfo: { endCursor: string } } } }>(`{ node(id: "${P}person-a") { relationships(first: 1) { pageInfo { endCursor } } } }`);
      const cursor = page.data!.node.relationships.pageInfo.endCursor;
      const next = await api.graphql<{ node: { relationships: { edges: Array<{ node: { id: string } }> } } }>(`query ($after: String) { node(id: "${P}person-a") { relationships(first: 5, after: $after) { edges { node { id } } } } }`, { after: cursor });
      expect(next.errors).toBeUndefined();
      expect(next.data!.node.relationships.edges).toHaveLength(1);
      refusal(await api.graphql('query ($after: String) { people(first: 1, after: $after) { totalCount } }', { after: cursor }), /cursor of another list or ordering \(relationships\)/);
      const listCursor = endCursor(await api.graphql('{ scamCentres(first: 1) { pageInfo { endCursor } } }'), 'scamCentres');
      refusal(await api.graphql(`query ($after: String) { node(id: "${P}person-a") { relationships(first: 1, after: $after) { totalCount } } }`, { after: listCursor }), /not of this one \(relationships\)/);
      refusal(await api.graphql('query ($after: String) { auditEvents(first: 1, after: $after) { totalCount } }', { after: listCursor }), /not of this one \(auditEvents\)/);
    });
  });
});
