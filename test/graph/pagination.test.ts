import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

const P = 'test-pagination:';
const PUBLISHER = 'Pagination Test Press';

interface Page {
  sources: { edges: Array<{ cursor: string; node: { id: string; name: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string | null }; totalCount: number };
}

const PAGE = `query ($after: String, $first: Int, $direction: SortDirection) {
  sources(filter: { publisher: "${PUBLISHER}" }, orderBy: { field: NAME, direction: $direction }, first: $first, after: $after) {
    edges { cursor node { id name } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

const source = (i: number, suffix = '') => ({ kind: 'Source', id: `${P}${i}${suffix}`, name: `Report ${String(i).padStart(3, '0')}${suffix}`, publisher: PUBLISHER });

describe('keyset pagination', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, Array.from({ length: 25 }, (_, i) => source(i)));
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('returns every item exactly once across pages while items are inserted between page requests', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const response: { data?: Page | null; errors?: unknown } = await api.graphql<Page>(PAGE, { after, first: 4 });
      expect(response.errors).toBeUndefined();
      const page: Page['sources'] = response.data!.sources;
      seen.push(...page.edges.map((e) => e.node.id));
      pages += 1;
      // Insert one item before the cursor (sorts first) and one after it, between every two pages.
      await writeRecords(api.db, [source(pages, '-early'.replace('early', `a${pages}`)), source(900 + pages)]);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(50);
    }
    const originals = Array.from({ length: 25 }, (_, i) => `${P}${i}`);
    for (const id of originals) expect(seen.filter((s) => s === id)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('orders descending as asked and counts all matches', async () => {
    const response = await api.graphql<Page>(PAGE, { first: 3, direction: 'DESC' });
    const names = response.data!.sources.edges.map((e) => e.node.name);
    expect(names).toEqual([...names].sort().reverse());
    expect(response.data!.sources.totalCount).toBeGreaterThanOrEqual(25);
  });

  it('refuses a page larger than the cap and a cursor it did not issue', async () => {
    const big = await api.graphql(PAGE, { first: 101 });
    expect(big.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(big.errors?.[0]?.message).toMatch(/first must be from 1 to 100 \(got 101\)/);
    const forged = await api.graphql(PAGE, { after: 'not-a-cursor' });
    expect(forged.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(forged.errors?.[0]?.message).toMatch(/not a cursor of this connection/);
  });
});
