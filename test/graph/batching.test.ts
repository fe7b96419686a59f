import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUND_TRIP_HEADER } from '../../src/server/index.js';
import { grade, rel, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

const P = 'test-batching:';
const SOURCE = `${P}source`;
const PARENTS = 50;

/** A three-level query: people → their nationalities and recruiters → the recruiters' nationalities and the countries' regions. */
const THREE_LEVELS = `query ($first: Int) {
  people(filter: { nationality: "PN", roles: [TRAFFICKING_VICTIM] }, first: $first) {
    edges { node {
      name
      nationalities { name partOf { name } }
      relationships(direction: INCOMING, types: [RECRUITED]) {
        edges { other { name ... on Person { nationalities { countryCode } } } node { ... on Recruitment { method } } }
      }
    } }
  }
}`;

describe('batched loading', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    const records: Array<Record<string, unknown>> = [
      { kind: 'Source', id: SOURCE, name: 'Batching test source' },
      { kind: 'Location', id: `${P}region`, name: 'Test region', locationType: 'REGION', countryCode: 'PN', provenance: grade(SOURCE) },
      { kind: 'Location', id: `${P}country`, name: 'Testland', locationType: 'COUNTRY', countryCode: 'PN', provenance: grade(SOURCE) },
      rel('LOCATED_IN', `${P}country`, `${P}region`, SOURCE),
    ];
    for (let i = 0; i < PARENTS; i++) {
      const person = `${P}victim-${String(i).padStart(2, '0')}`;
      const recruiter = `${P}recruiter-${i % 7}`;
      records.push(
        { kind: 'Person', id: person, name: `Victim ${i}`, roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) },
        { kind: 'Person', id: recruiter, name: `Recruiter ${i % 7}`, roles: ['RECRUITER'], provenance: grade(SOURCE) },
        rel('NATIONAL_OF', person, `${P}country`, SOURCE),
        rel('NATIONAL_OF', recruiter, `${P}country`, SOURCE),
        rel('RECRUITED', recruiter, person, SOURCE, { method: 'JOB_OFFER' }),
      );
    }
    await writeRecords(api.db, records);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('answers a three-level query over 50 parents in a bounded number of Cypher round trips', async () => {
    const response = await api.graphql<{ people: { edges: Array<{ node: { nationalities: unknown[]; relationships: { edges: unknown[] } } }> } }>(THREE_LEVELS, { first: PARENTS });
    expect(response.errors).toBeUndefined();
    const edges = response.data?.people.edges ?? [];
    expect(edges).toHaveLength(PARENTS);
    for (const edge of edges) {
      expect(edge.node.nationalities).toHaveLength(1);
      expect(edge.node.relationships.edges).toHaveLength(1);
    }
    // At most one per level (1 list + 2 + 2 = 5) whatever the number of parents; with look-ahead, all in the list statement.
    const roundTrips = Number(response.headers.get(ROUND_TRIP_HEADER));
    expect(roundTrips).toBeLessThanOrEqual(5);
  });

  it('costs the same number of round trips for 5 parents as for 50', async () => {
    const few = await api.graphql(THREE_LEVELS, { first: 5 });
    const many = await api.graphql(THREE_LEVELS, { first: PARENTS });
    expect(few.headers.get(ROUND_TRIP_HEADER)).toBe(many.headers.get(ROUND_TRIP_HEADER));
  });
});
