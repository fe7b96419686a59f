import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_ONE_PASS_MAX_MATCHES } from '../../src/config/index.js';
import type { Database } from '../../src/database/index.js';
import { entityFilterConditions, listEntities, type EntityListPage, type EntityListQuery } from '../../src/graph/index.js';
import { SEES_EVERYTHING } from '../../src/policy/index.js';
import { removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

const P = 'test-list-totals:';
const PUBLISHER = 'List Totals Test Press';
const COUNT = 13;

/** Names repeat (every fourth), so pages also cross ties broken by id. */
const sources = Array.from({ length: COUNT }, (_, i) => ({ kind: 'Source', id: `${P}${String(i).padStart(2, '0')}`, name: `Tied report ${i % 4}`, publisher: PUBLISHER }));

/** The whole filtered list in order, as the sort (name, then id) defines it. */
const ordered = (direction: 'ASC' | 'DESC') => {
  const ids = [...sources].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).map((s) => s.id);
  return direction === 'ASC' ? ids : ids.reverse();
};

/** Counts the statements sent, and sends them to the real database. */
function countingDb(db: Database): { db: Database; statements: () => number } {
  let statements = 0;
  const counting = Object.create(db) as Database;
  counting.read = ((cypher: string, params?: Record<string, unknown>) => {
    statements += 1;
    return db.read(cypher, params);
  }) as Database['read'];
  return { db: counting, statements: () => statements };
}

async function allPages(db: Database, direction: 'ASC' | 'DESC', first: number, collectMax?: number): Promise<EntityListPage[]> {
  const { conditions, params } = entityFilterConditions('Source', { publisher: PUBLISHER });
  const pages: EntityListPage[] = [];
  let after: EntityListQuery['after'];
  for (;;) {
    const page = await listEntities(db, { label: 'Source', conditions, params, sortExpression: 'n.name', direction, first, after, countTotal: true }, SEES_EVERYTHING, collectMax);
    pages.push(page);
    const last = page.rows.at(-1);
    if (!page.hasNextPage || !last) return pages;
    after = { value: last.sortValue, id: last.entity.id };
    expect(pages.length).toBeLessThan(COUNT + 1);
  }
}

describe('a filtered list page with its totalCount', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [...sources]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  it('counts the whole filtered set on every page, however far the cursor, in one statement', async () => {
    for (const direction of ['ASC', 'DESC'] as const) {
      const { db, statements } = countingDb(api.db);
      const pages = await allPages(db, direction, 3);
      expect(pages.map((p) => p.totalCount)).toEqual(pages.map(() => COUNT));
      expect(pages.flatMap((p) => p.rows.map((r) => r.entity.id))).toEqual(ordered(direction));
      expect(pages.map((p) => p.hasNextPage)).toEqual(pages.map((_, i) => i < pages.length - 1));
      expect(statements()).toBe(pages.length);
    }
  });

  it('gives the same pages and totals past the one-pass cap, from a count and a page', async () => {
    expect(LIST_ONE_PASS_MAX_MATCHES).toBeGreaterThan(COUNT);
    for (const direction of ['ASC', 'DESC'] as const) {
      const onePass = await allPages(api.db, direction, 4);
      const { db, statements } = countingDb(api.db);
      const capped = await allPages(db, direction, 4, COUNT - 1);
      // Each page: the one-pass try that finds the set too large, then the count + page.
      expect(statements()).toBe(2 * capped.length);
      const shape = (pages: EntityListPage[]) => pages.map((p) => ({ ids: p.rows.map((r) => r.entity.id), sortValues: p.rows.map((r) => r.sortValue), hasNextPage: p.hasNextPage, totalCount: p.totalCount }));
      expect(shape(capped)).toEqual(shape(onePass));
    }
  });

  it('answers the same through the API: total, page and hasNextPage after a cursor', async () => {
    const query = `query ($after: String) {
      sources(filter: { publisher: "${PUBLISHER}" }, orderBy: { field: NAME }, first: 5, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
      }
    }`;
    type Page = { sources: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string } }> } };
    const first = await api.graphql<Page>(query);
    expect(first.errors).toBeUndefined();
    const second = await api.graphql<Page>(query, { after: first.data!.sources.pageInfo.endCursor });
    expect(second.errors).toBeUndefined();
    expect(Number(second.headers.get('x-cypher-round-trips'))).toBe(1);
    expect(second.data!.sources.totalCount).toBe(COUNT);
    expect(second.data!.sources.edges.map((e) => e.node.id)).toEqual(ordered('ASC').slice(5, 10));
    expect(second.data!.sources.pageInfo.hasNextPage).toBe(true);
  });
});
