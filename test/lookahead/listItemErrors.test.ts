import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { seedStory } from '../support/fixtures.js';

/**
 * A mistake in an argument inside a list, under non-null fields: graphql-js 16 abandons a list's
 * earlier items when a later one throws synchronously (here the people after a location whose
 * sources went to the database first), and a rejection of an abandoned item went unhandled — which ends a Node process (the fuzzer found it). The answer must be a coded
 * error, and nothing may be left to reject later (vitest fails a run on an unhandled rejection).
 */
const BAD_CURSOR_IN_A_LIST = `{
  node(id: "person:ug-victim-1") {
    relationships(first: 10) { edges { other {
      ... on Location { sources { relationships(after: "not-a-cursor") { totalCount } } }
      relationships(after: "not-a-cursor") { totalCount }
    } } }
  }
}`;

describe('errors inside lists', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({}, 120_000);
    await seedStory(api.db);
  });
  afterAll(async () => {
    await api?.stop();
  });

  it("answers a bad cursor in a list's items with BAD_USER_INPUT and leaves no promise to reject later", async () => {
    for (let i = 0; i < 5; i++) {
      const response = await api.graphql(BAD_CURSOR_IN_A_LIST);
      expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
      expect(response.errors?.[0]?.message).toContain('after is not a cursor');
    }
    // Abandoned promises settle on their own time: give them a moment inside this test.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await api.graphql('{ scamCentres(first: 1) { totalCount } }')).errors).toBeUndefined();
  });
});
