import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

const P = 'test-provenance:';
const RELIABLE = `${P}reliable`;
const DUBIOUS = `${P}dubious`;

describe('provenance filters', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [
      { kind: 'Source', id: RELIABLE, name: 'Reliable report' },
      { kind: 'Source', id: DUBIOUS, name: 'Dubious post' },
      { kind: 'Organization', id: `${P}group`, name: 'Provenance Group', orgType: 'CRIMINAL_GROUP', jurisdiction: 'BV', provenance: [{ source: RELIABLE, reliability: 'A', credibility: 1 }] },
      { kind: 'Organization', id: `${P}rumour`, name: 'Rumoured Group', orgType: 'CRIMINAL_GROUP', jurisdiction: 'BV', provenance: [{ source: DUBIOUS, reliability: 'D', credibility: 4 }] },
      { kind: 'Organization', id: `${P}both`, name: 'Both Group', orgType: 'CRIMINAL_GROUP', jurisdiction: 'BV', provenance: [{ source: RELIABLE, reliability: 'B', credibility: 3 }, { source: DUBIOUS, reliability: 'E', credibility: 2 }] },
      { type: 'MEMBER_OF', id: `${P}m1`, from: `${P}rumour`, to: `${P}group`, provenance: [{ source: DUBIOUS, reliability: 'D', credibility: 5 }] },
      { type: 'MEMBER_OF', id: `${P}m2`, from: `${P}both`, to: `${P}group`, provenance: [{ source: RELIABLE, reliability: 'A', credibility: 2 }] },
    ]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  const list = async (provenance: Record<string, unknown>) => {
    const response = await api.graphql<{ organizations: { edges: Array<{ node: { id: string } }> } }>(
      `query ($p: ProvenanceFilter) { organizations(filter: { jurisdiction: "BV", provenance: $p }) { edges { node { id } } } }`,
      { p: provenance },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.organizations.edges.map((e) => e.node.id).sort();
  };

  it('keeps entities reported by a given source', async () => {
    expect(await list({ source: DUBIOUS })).toEqual([`${P}both`, `${P}rumour`]);
  });

  it('keeps entities with at least one grade as good as asked, on both axes at once', async () => {
    expect(await list({ minReliability: 'B' })).toEqual([`${P}both`, `${P}group`]);
    expect(await list({ minReliability: 'B', minCredibility: 2 })).toEqual([`${P}group`]);
    // "Both Group" has B3 and E2: neither grade alone is B2 or better.
    expect(await list({ minCredibility: 2 })).toEqual([`${P}both`, `${P}group`]);
  });

  it('grades the named source: a source filter with a minimum grade looks at that source only', async () => {
    expect(await list({ source: DUBIOUS, minReliability: 'E', minCredibility: 2 })).toEqual([`${P}both`]);
  });

  it('filters an entity’s relationships by grade', async () => {
    const response = await api.graphql<{ node: { relationships: { totalCount: number; edges: Array<{ other: { id: string } }> } } }>(
      `{ node(id: "${P}group") { relationships(direction: INCOMING, provenance: { minCredibility: 3 }) { totalCount edges { other { id } } } } }`,
    );
    expect(response.data!.node.relationships.edges).toEqual([{ other: { id: `${P}both` } }]);
    expect(response.data!.node.relationships.totalCount).toBe(1);
  });

  it('rejects a credibility outside 1 to 6', async () => {
    const response = await api.graphql(`{ organizations(filter: { provenance: { minCredibility: 9 } }) { totalCount } }`);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/minCredibility must be an integer from 1 to 6/);
    const nested = await api.graphql(`{ node(id: "${P}group") { relationships(provenance: { minCredibility: 0 }) { totalCount } } }`);
    expect(nested.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(nested.errors?.[0]?.message).toMatch(/minCredibility must be an integer from 1 to 6 \(got 0\)/);
  });
});
