import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { seedStory } from '../support/fixtures.js';

/**
 * What one root field fetched ahead (pages whose other ends were projected for its own selection)
 * must never be served to another spot of the request that selects more. Issue 11's report: `b`
 * came back with blank names when `a` had fetched the same person first.
 */
const A_THEN_B = `{
  a: node(id: "person:ug-victim-1") { id relationships(first: 5) { edges { other { id } } } }
  b: relationship(id: "rel:recruited:recruiter-jay:ug-victim-1") {
    to { id relationships(first: 5) { edges { other { id name description } } } }
  }
}`;
const B_ALONE = `{
  b: relationship(id: "rel:recruited:recruiter-jay:ug-victim-1") {
    to { id relationships(first: 5) { edges { other { id name description } } } }
  }
}`;
/** The same leak inside one root field: the relationship's `from` end is the root entity itself. */
const FROM_IS_ROOT = `{
  node(id: "person:recruiter-jay") {
    relationships(first: 5, direction: OUTGOING) {
      edges { node { from { id relationships(first: 5, direction: OUTGOING) { edges { other { id name } } } } } }
    }
  }
}`;

/**
 * A list's own entities are read with only the properties its selection reads: a spot that loads
 * the same entities through the request's entity cache (an entity's `sources`) must still get its own.
 */
const CENTRE_SOURCES = `b: node(id: "scamcentre:mm-myawaddy-1") { id sources { id name } }`;
const LIST_AND_SOURCES = `{
  a: sources(first: 50) { edges { node { id } } }
  ${CENTRE_SOURCES}
}`;
const SOURCES_ALONE = `{ ${CENTRE_SOURCES} }`;

/**
 * A root read by id with pages returns only the properties its own selection reads (`id` here): the
 * same entity elsewhere in the request (a relationship's end that is the root itself, read after the
 * root) must get all it reads.
 */
const PROJECTED_ROOT = `{
  node(id: "person:recruiter-jay") {
    id relationships(first: 2, direction: OUTGOING) { edges { node { from { id ... on Person { name roles description } } } } }
  }
}`;
const ROOT_ALONE = `{ node(id: "person:recruiter-jay") { id ... on Person { name roles description } } }`;

/**
 * Under a list read through a lens, a page that names that same lens itself asks for the same page
 * as one that inherits it: it must get its own reads (cursors, relationships), not the other's
 * (fuzzer, seed 41, document 3537: cursors came back blank).
 */
const LENS_NAMED_AGAIN = `{
  scamCentres(asOf: "2024-01-01", first: 5) { edges { node { id
    a: relationships(first: 3) { edges { other { id } } }
    b: relationships(first: 3, asOf: "2024-01-01") { edges { cursor node { id } } }
  } } }
}`;
const LENS_NAMED_ALONE = `{
  scamCentres(asOf: "2024-01-01", first: 5) { edges { node { id
    b: relationships(first: 3, asOf: "2024-01-01") { edges { cursor node { id } } }
  } } }
}`;

describe('fetched-ahead data and the request caches', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({}, 120_000);
    await seedStory(api.db);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it('gives b the same answer beside a as alone, 100 times out of 100', async () => {
    const alone = await api.graphql(B_ALONE);
    expect(alone.errors).toBeUndefined();
    const names = JSON.stringify(alone.data).match(/"name":"[^"]+"/g) ?? [];
    expect(names.length).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 100; i++) {
      const both = await api.graphql<{ b: unknown }>(A_THEN_B);
      expect(both.errors).toBeUndefined();
      expect(both.data?.b).toEqual(alone.data?.['b']);
    }
  });

  it("serves a list's projected entities to no other spot: an entity's sources beside the list answer as alone, 20 times out of 20", async () => {
    const alone = await api.graphql<{ b: { sources: Array<{ id: string; name: string }> } }>(SOURCES_ALONE);
    expect(alone.errors).toBeUndefined();
    const sources = alone.data!.b.sources;
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) expect(source.name, source.id).not.toBe('');
    for (let i = 0; i < 20; i++) {
      const both = await api.graphql<{ a: { edges: Array<{ node: { id: string } }> }; b: unknown }>(LIST_AND_SOURCES);
      expect(both.errors).toBeUndefined();
      expect(both.data!.a.edges.map((edge) => edge.node.id)).toEqual(expect.arrayContaining(sources.map((source) => source.id)));
      expect(both.data!.b).toEqual(alone.data!.b);
    }
  });

  it('serves a root read by id for its own selection only: the root as a relationship end reads all it asks', async () => {
    type Person = { id: string; name: string; roles: string[]; description: string | null };
    const alone = await api.graphql<{ node: Person }>(ROOT_ALONE);
    expect(alone.errors).toBeUndefined();
    const person = alone.data!.node;
    expect(person.name).not.toBe('');
    expect(person.roles.length).toBeGreaterThan(0);
    const response = await api.graphql<{ node: { relationships: { edges: Array<{ node: { from: Person } }> } } }>(PROJECTED_ROOT);
    expect(response.errors).toBeUndefined();
    const ends = response.data!.node.relationships.edges.map((edge) => edge.node.from);
    expect(ends.length).toBe(2);
    for (const end of ends) expect(end).toEqual(person);
  });

  it('serves a page that names its list\'s lens again with its own reads, as alone', async () => {
    type Centres = { scamCentres: { edges: Array<{ node: { id: string; b: { edges: Array<{ cursor: string; node: { id: string } }> } } }> } };
    const alone = await api.graphql<Centres>(LENS_NAMED_ALONE);
    expect(alone.errors).toBeUndefined();
    const pages = alone.data!.scamCentres.edges.map((edge) => edge.node.b.edges);
    expect(pages.flat().length).toBeGreaterThan(0);
    for (const edge of pages.flat()) expect(edge.node.id).not.toBe('');
    const both = await api.graphql<Centres>(LENS_NAMED_AGAIN);
    expect(both.errors).toBeUndefined();
    expect(both.data!.scamCentres.edges.map((edge) => edge.node.b.edges)).toEqual(pages);
  });

  it('serves a relationship end that is the root entity with its own full page, not the root selection\'s', async () => {
    const response = await api.graphql<{ node: { relationships: { edges: Array<{ node: { from: { relationships: { edges: Array<{ other: { id: string; name: string } }> } } } }> } } }>(FROM_IS_ROOT);
    expect(response.errors).toBeUndefined();
    const others = response.data!.node.relationships.edges.flatMap((edge) => edge.node.from.relationships.edges.map((e) => e.other));
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect(other.name, other.id).not.toBe('');
  });
});
