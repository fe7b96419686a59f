import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../../src/generator/index.js';
import { grade, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * Relay's backward paging (`last`/`before`) on the top-level lists: reading a list back from its end,
 * page by page, gives exactly the forward reading, for every order, on generated data full of ties.
 */
const P = 'test-backward-pages:';
const SOURCE = `${P}source`;
const random = new Prng(20261203);
const NAMES = ['Alpha', 'alpha', 'Beta', 'KK Park', 'Zeta'];
const centres = Array.from({ length: 23 }, (_, i) => ({
  kind: 'ScamCentre', id: `${P}centre-${String(random.int(100)).padStart(2, '0')}-${i}`, name: random.pick(NAMES),
  ...(random.chance(0.6) ? { estimatedWorkforce: random.pick([100, 250, 250]) } : {}), provenance: grade(SOURCE),
}));
const accounts = ['a', 'b'].map((name) => ({ kind: 'Account', id: `${P}${name}`, name: `Backward ${name}`, accountType: 'BANK_ACCOUNT', provenance: grade(SOURCE) }));
const transfers = Array.from({ length: 17 }, (_, i) => ({
  type: 'TRANSFERRED', id: `${P}t-${i}`, from: `${P}a`, to: `${P}b`, amountUsd: random.pick([10, 20, 20]), amount: 1, currency: 'USD',
  at: `2025-01-0${1 + random.int(3)}T10:00:00Z`, provenance: grade(SOURCE),
}));

type Connection = { edges: Array<{ cursor: string; node: { id: string } }>; pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }; totalCount: number };

describe('backward pages', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [{ kind: 'Source', id: SOURCE, name: 'Backward pages test source' }, ...centres, ...accounts, ...transfers]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  const read = async (field: 'scamCentres' | 'transfers', filter: string, order: string, page: string): Promise<Connection> => {
    const response = await api.graphql<Record<string, Connection>>(
      `{ ${field}(filter: ${filter}, orderBy: ${order}, ${page}) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`,
    );
    expect(response.errors).toBeUndefined();
    return response.data![field]!;
  };

  const cases = [
    ...['NAME', 'ESTIMATED_WORKFORCE', 'ID'].flatMap((field) => ['ASC', 'DESC'].map((direction) => ({ field: 'scamCentres' as const, filter: `{ illustrative: false }`, order: `{ field: ${field}, direction: ${direction} }` }))),
    ...['AT', 'AMOUNT_USD'].flatMap((field) => ['ASC', 'DESC'].map((direction) => ({ field: 'transfers' as const, filter: `{ from: "${P}a" }`, order: `{ field: ${field}, direction: ${direction} }` }))),
  ];

  for (const { field, filter, order } of cases) {
    it(`${field} ${order}: last/before from the end gives the forward reading`, async () => {
      const forward: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: Connection = await read(field, filter, order, `first: 4${after ? `, after: "${after}"` : ''}`);
        forward.push(...page.edges.map((e) => e.node.id));
        expect(page.pageInfo.hasPreviousPage).toBe(false);
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      const backward: string[] = [];
      let before: string | null = null;
      for (let pages = 0; ; pages++) {
        const page: Connection = await read(field, filter, order, `last: 3${before ? `, before: "${before}"` : ''}`);
        expect(page.pageInfo.hasNextPage).toBe(before !== null);
        expect(page.pageInfo.startCursor).toBe(page.edges[0]?.cursor ?? null);
        backward.unshift(...page.edges.map((e) => e.node.id));
        if (!page.pageInfo.hasPreviousPage) break;
        before = page.pageInfo.startCursor;
        expect(pages).toBeLessThan(50);
      }
      const mine = forward.filter((id) => id.startsWith(P));
      expect(mine.length).toBe(field === 'scamCentres' ? centres.length : transfers.length);
      expect(backward).toEqual(forward);
    });
  }

  // An entity's relationships: through the look-ahead (pages fetched with the entity) and through the batched loaders.
  for (const lookAhead of [true, false]) {
    it(`an account's relationships, ${lookAhead ? 'fetched ahead' : 'through the loaders'}: last/before from the end gives the forward reading`, async () => {
      const other = lookAhead ? api : await startTestApi({}, undefined, { lookAhead: false, executor: 'graphql-js', httpPipeline: 'express' });
      try {
        const page = async (args: string) => {
          const response = await other.graphql<{ node: { relationships: Connection } }>(
            `{ node(id: "${P}a") { relationships(direction: OUTGOING, types: [TRANSFERRED], ${args}) { edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } } }`,
          );
          expect(response.errors).toBeUndefined();
          return response.data!.node.relationships;
        };
        const forward: string[] = [];
        let after: string | null = null;
        for (;;) {
          const p: Connection = await page(`first: 4${after ? `, after: "${after}"` : ''}`);
          forward.push(...p.edges.map((e) => e.node.id));
          if (!p.pageInfo.hasNextPage) break;
          after = p.pageInfo.endCursor;
        }
        expect(forward).toHaveLength(transfers.length);
        const backward: string[] = [];
        let before: string | null = null;
        for (;;) {
          const p: Connection = await page(`last: 3${before ? `, before: "${before}"` : ''}`);
          expect(p.pageInfo.hasNextPage).toBe(before !== null);
          expect(p.totalCount).toBe(transfers.length);
          backward.unshift(...p.edges.map((e) => e.node.id));
          if (!p.pageInfo.hasPreviousPage) break;
          before = p.pageInfo.startCursor;
        }
        expect(backward).toEqual(forward);
      } finally {
        if (other !== api) await other.stop();
      }
    });
  }

  it('refuses paging both ways at once, and a before without last', async () => {
    const codeOf = async (page: string) => {
      const response = await api.graphql(`{ scamCentres(${page}) { totalCount } }`);
      return [response.errors?.[0]?.extensions?.['code'], response.errors?.[0]?.extensions?.['field']];
    };
    const first = await read('scamCentres', '{ illustrative: false }', '{ field: NAME, direction: ASC }', 'first: 2');
    expect(await codeOf(`last: 2, after: "${first.pageInfo.endCursor}"`)).toEqual(['BAD_USER_INPUT', 'after']);
    expect(await codeOf(`before: "${first.pageInfo.endCursor}"`)).toEqual(['BAD_USER_INPUT', 'before']);
    expect(await codeOf('last: 0')).toEqual(['BAD_USER_INPUT', 'last']);
    expect(await codeOf('last: 2, before: "nope"')).toEqual(['BAD_USER_INPUT', 'before']);
  });
});
