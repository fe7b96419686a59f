import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUND_TRIP_HEADER } from '../../src/server/index.js';
import { grade, rel, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * Look-ahead: root fields fetch the nested relationship pages their selection asks for in one
 * statement (src/resolvers/lookahead/, src/graph/prefetch.ts). The same selection reached
 * through a root field that does not look ahead (`relationship(id) { from … }`) is answered by
 * the loaders, level by level: both must give the same answer.
 */
const P = 'test-lookahead:';
const SOURCE = `${P}source`;
const OTHER_SOURCE = `${P}source-2`;
const GROUP = `${P}group`;
const OPERATES_ID = `${P}operates-0`;

/** A group → compounds → people held → recruiters (+ nationalities, journeys), with aliases, a cursor, a grade filter and totals. */
const GROUP_TREE = `
fragment Person on Person {
  nationalities { id countryCode }
  journey { id seq stage location { id name } }
}
fragment GroupTree on Organization {
  id
  name
  relationships(direction: OUTGOING, types: [OPERATES], first: 3) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges {
      cursor
      direction
      node { id ... on Operatorship { role } }
      other {
        id
        ... on ScamCentre {
          status
          locations { id countryCode partOf { id name } }
          held: relationships(direction: INCOMING, types: [HELD_AT], first: 4) {
            totalCount
            pageInfo { hasNextPage }
            edges {
              other {
                id
                ...Person
                recruiters: relationships(direction: INCOMING, types: [RECRUITED], first: 2) {
                  edges { node { id ... on Recruitment { method from { id ... on Person { roles } } } } other { id name ...Person } }
                }
                wellSourced: relationships(direction: INCOMING, types: [RECRUITED], provenance: { source: "${OTHER_SOURCE}" }) {
                  totalCount
                  edges { other { id } }
                }
              }
            }
          }
          heldLater: relationships(direction: INCOMING, types: [HELD_AT], first: 2, after: $after) {
            edges { other { id } }
          }
        }
      }
    }
  }
  everything: relationships { totalCount edges { other { id } } }
}`;

const BY_NODE = `query ($id: ID!, $after: String) { node(id: $id) { ...GroupTree } } ${GROUP_TREE}`;
const BY_LOADERS = `query ($rel: ID!, $after: String) { relationship(id: $rel) { from { ...GroupTree } } } ${GROUP_TREE}`;
const BY_LIST = `query ($after: String) {
  organizations(filter: { jurisdiction: "TK" }) { totalCount edges { node { ...GroupTree } } }
} ${GROUP_TREE}`;

describe('look-ahead (nested relationship pages fetched with their root)', () => {
  let api: TestApi;
  let after: string;

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    const records: Array<Record<string, unknown>> = [
      { kind: 'Source', id: SOURCE, name: 'Look-ahead test source' },
      { kind: 'Source', id: OTHER_SOURCE, name: 'Look-ahead second source' },
      { kind: 'Location', id: `${P}region`, name: 'Region', locationType: 'REGION', countryCode: 'TK', provenance: grade(SOURCE) },
      { kind: 'Location', id: `${P}country`, name: 'Zedland', locationType: 'COUNTRY', countryCode: 'TK', provenance: grade(SOURCE) },
      { kind: 'Location', id: `${P}hub`, name: 'Transit hub', locationType: 'CITY', countryCode: 'TK', provenance: grade(SOURCE) },
      rel('LOCATED_IN', `${P}country`, `${P}region`, SOURCE),
      rel('LOCATED_IN', `${P}hub`, `${P}country`, SOURCE),
      { kind: 'Organization', id: GROUP, name: 'Look-ahead group', jurisdiction: 'TK', provenance: grade(SOURCE) },
    ];
    for (let c = 0; c < 5; c++) {
      const centre = `${P}centre-${c}`;
      records.push(
        { kind: 'ScamCentre', id: centre, name: `Compound ${c}`, status: c % 2 === 0 ? 'ACTIVE' : 'RAIDED', provenance: grade(SOURCE) },
        rel('LOCATED_IN', centre, `${P}hub`, SOURCE),
        rel('OPERATES', GROUP, centre, SOURCE, { id: `${P}operates-${c}`, role: `operator ${c}` }),
      );
      for (let v = 0; v < 6; v++) {
        const victim = `${P}victim-${c}-${v}`;
        records.push(
          { kind: 'Person', id: victim, name: `Victim ${c}.${v}`, roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) },
          rel('NATIONAL_OF', victim, `${P}country`, SOURCE),
          rel('TRAVELLED_TO', victim, `${P}hub`, SOURCE, { seq: 1, stage: 'TRANSIT' }),
          rel('TRAVELLED_TO', victim, `${P}country`, SOURCE, { seq: 2, stage: 'EXPLOITATION' }),
          rel('HELD_AT', victim, centre, SOURCE, { heldFrom: `2024-0${v + 1}-01` }),
        );
        for (let r = 0; r < 1 + (v % 3); r++) {
          const recruiter = `${P}recruiter-${(c + v + r) % 4}`;
          records.push(rel('RECRUITED', recruiter, victim, r === 0 ? OTHER_SOURCE : SOURCE, { method: 'JOB_OFFER', date: `2022-0${r + 1}-01` }));
        }
      }
    }
    for (let r = 0; r < 4; r++) {
      records.splice(3, 0, { kind: 'Person', id: `${P}recruiter-${r}`, name: `Recruiter ${r}`, roles: ['RECRUITER'], provenance: grade(SOURCE) });
      records.push(rel('NATIONAL_OF', `${P}recruiter-${r}`, `${P}country`, SOURCE));
    }
    await writeRecords(api.db, records);
    const first = await api.graphql<{ node: { relationships: { edges: Array<{ other: { held: { edges: unknown[] } } }> } } }>(
      `query ($id: ID!) { node(id: $id) { ... on ScamCentre { relationships(direction: INCOMING, types: [HELD_AT], first: 2) { pageInfo { endCursor } } } } }`,
      { id: `${P}centre-0` },
    );
    after = (first.data?.node as unknown as { relationships: { pageInfo: { endCursor: string } } }).relationships.pageInfo.endCursor;
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('answers a four-level selection from node(id) in one round trip, exactly as the loaders do level by level', async () => {
    const ahead = await api.graphql<{ node: Record<string, unknown> }>(BY_NODE, { id: GROUP, after });
    const loaded = await api.graphql<{ relationship: { from: Record<string, unknown> } }>(BY_LOADERS, { rel: OPERATES_ID, after });
    expect(ahead.errors).toBeUndefined();
    expect(loaded.errors).toBeUndefined();
    expect(ahead.data?.node).toEqual(loaded.data?.relationship.from);

    // Not a vacuous comparison: the tree is full.
    const group = ahead.data?.node as { relationships: { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: Array<{ other: { held: { edges: Array<{ other: { recruiters: { edges: unknown[] }; wellSourced: { totalCount: number }; journey: unknown[] } }> } } }> } };
    expect(group.relationships.totalCount).toBe(5);
    expect(group.relationships.pageInfo.hasNextPage).toBe(true);
    expect(group.relationships.edges).toHaveLength(3);
    const held = group.relationships.edges[0]!.other.held.edges;
    expect(held).toHaveLength(4);
    expect(held.map((e) => e.other.recruiters.edges.length)).toEqual([1, 2, 2, 1]);
    expect(held.every((e) => e.other.wellSourced.totalCount === 1 && e.other.journey.length === 2)).toBe(true);

    expect(Number(ahead.headers.get(ROUND_TRIP_HEADER))).toBe(1);
    expect(Number(loaded.headers.get(ROUND_TRIP_HEADER))).toBeGreaterThan(3);
  });

  it('gives a list root the same answer, with its totalCount, in one round trip', async () => {
    const list = await api.graphql<{ organizations: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> } }>(BY_LIST, { after });
    const ahead = await api.graphql<{ node: Record<string, unknown> }>(BY_NODE, { id: GROUP, after });
    expect(list.errors).toBeUndefined();
    expect(list.data?.organizations.edges[0]?.node).toEqual(ahead.data?.node);
    expect(list.data?.organizations.totalCount).toBe(1);
    // The page, its total and every nested page: one statement.
    expect(Number(list.headers.get(ROUND_TRIP_HEADER))).toBe(1);
  });

  it('reports a bad cursor or grade inside a looked-ahead selection as BAD_USER_INPUT, with nothing fetched ahead for it', async () => {
    const badCursor = await api.graphql(BY_NODE, { id: GROUP, after: 'not-a-cursor' });
    expect(badCursor.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    const badGrade = await api.graphql(
      `query ($id: ID!) { node(id: $id) { relationships(provenance: { minCredibility: 9 }) { edges { other { id } } } } }`,
      { id: GROUP },
    );
    expect(badGrade.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(badGrade.errors?.[0]?.message).toMatch(/minCredibility/);
  });

  it('reads a field\'s arguments anew for each request of the same document (they are checked once per field and request)', async () => {
    const page = `relationships(direction: OUTGOING, types: [OPERATES], first: $first) { edges { other { id } } }`;
    const byNode = `query ($id: ID!, $first: Int!) { node(id: $id) { ${page} } }`;
    const byLoaders = `query ($rel: ID!, $first: Int!) { relationship(id: $rel) { from { ${page} } } }`;
    type Edges = { relationships: { edges: unknown[] } };
    for (const first of [1, 3, 2]) {
      const ahead = await api.graphql<{ node: Edges }>(byNode, { id: GROUP, first });
      const loaded = await api.graphql<{ relationship: { from: Edges } }>(byLoaders, { rel: OPERATES_ID, first });
      expect(ahead.data?.node.relationships.edges).toHaveLength(first);
      expect(loaded.data?.relationship.from.relationships.edges).toHaveLength(first);
    }
  });

  it('reads the row beyond a page only where pageInfo is read: two spots of one page agree, and fragments count', async () => {
    // The same page (same arguments) at two spots: one reads pageInfo through a fragment, so the
    // merged plan reads one row more; a spot that reads no pageInfo gets exactly `first` rows.
    const selection = `
      fragment Info on RelationshipConnection { pageInfo { hasNextPage } }
      fragment Tree on Organization {
        bare: relationships(direction: OUTGOING, types: [OPERATES], first: 3) { edges { other { id ... on ScamCentre { held: relationships(direction: INCOMING, types: [HELD_AT], first: 2) { edges { other { id } } } } } } }
        told: relationships(direction: OUTGOING, types: [OPERATES], first: 3) { ...Info edges { other { id } } }
        nested: relationships(direction: OUTGOING, types: [OPERATES], first: 2) { edges { other { ... on ScamCentre { relationships(direction: INCOMING, types: [HELD_AT], first: 5) { pageInfo { hasNextPage } edges { other { id } } } } } } }
      }`;
    const ahead = await api.graphql<{ node: Record<string, unknown> }>(`query ($id: ID!) { node(id: $id) { ...Tree } } ${selection}`, { id: GROUP });
    const loaded = await api.graphql<{ relationship: { from: Record<string, unknown> } }>(`query ($rel: ID!) { relationship(id: $rel) { from { ...Tree } } } ${selection}`, { rel: OPERATES_ID });
    expect(ahead.errors).toBeUndefined();
    expect(ahead.data?.node).toEqual(loaded.data?.relationship.from);
    const node = ahead.data?.node as { bare: { edges: Array<{ other: { held: { edges: unknown[] } } }> }; told: { pageInfo: { hasNextPage: boolean } }; nested: { edges: Array<{ other: { relationships: { pageInfo: { hasNextPage: boolean }; edges: unknown[] } } }> } };
    expect(node.bare.edges).toHaveLength(3);
    expect(node.bare.edges.every((edge) => edge.other.held.edges.length === 2)).toBe(true);
    expect(node.told.pageInfo.hasNextPage).toBe(true);
    // Six people held at each compound, five asked for: more lie beyond.
    expect(node.nested.edges.map((edge) => [edge.other.relationships.edges.length, edge.other.relationships.pageInfo.hasNextPage])).toEqual([[5, true], [5, true]]);
    expect(Number(ahead.headers.get(ROUND_TRIP_HEADER))).toBe(1);
  });

  it('falls back to the loader for a pageInfo the plan left out (a directive it weighs and the resolver does not): same answer, one more round trip', async () => {
    const query = `query ($id: ID!, $info: Boolean!) { node(id: $id) { relationships(direction: OUTGOING, types: [OPERATES], first: 3) { pageInfo @include(if: $info) { hasNextPage } edges { other { id } } } } }`;
    const byLoaders = `query ($rel: ID!, $info: Boolean!) { relationship(id: $rel) { from { relationships(direction: OUTGOING, types: [OPERATES], first: 3) { pageInfo @include(if: $info) { hasNextPage } edges { other { id } } } } } }`;
    for (const info of [true, false]) {
      const ahead = await api.graphql<{ node: Record<string, unknown> }>(query, { id: GROUP, info });
      const loaded = await api.graphql<{ relationship: { from: Record<string, unknown> } }>(byLoaders, { rel: OPERATES_ID, info });
      expect(ahead.errors).toBeUndefined();
      expect(ahead.data?.node).toEqual(loaded.data?.relationship.from);
      expect(Number(ahead.headers.get(ROUND_TRIP_HEADER))).toBe(info ? 1 : 2);
    }
  });

  it('goes on with the loaders past the look-ahead depth', async () => {
    // Five levels of relationships: four fetched ahead, the fifth batched by the loader.
    const nest = (depth: number): string => (depth === 0 ? 'id' : `id relationships(first: 2) { edges { other { ${nest(depth - 1)} } } }`);
    const response = await api.graphql(`query ($id: ID!) { node(id: $id) { ${nest(5)} } }`, { id: GROUP });
    expect(response.errors).toBeUndefined();
    expect(Number(response.headers.get(ROUND_TRIP_HEADER))).toBe(2);
  });
});
