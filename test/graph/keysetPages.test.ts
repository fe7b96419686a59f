import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prng } from '../../src/generator/index.js';
import { listEntities, listTransfers, SORT_EXPRESSIONS, type EntityListQuery, type KeysetForm, type TransferListQuery } from '../../src/graph/index.js';
import { SEES_EVERYTHING } from '../../src/policy/index.js';
import { grade, removeByPrefix, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * The keyset pages' fast form (a range on the sort value that Neo4j seeks in index order;
 * src/graph/cursors.ts afterCursorCondition) against the reference form (the OR over a nullable
 * cursor): on generated scam centres and transfers full of ties and missing values, paging through
 * every order, both directions and several page sizes must give the same rows in the same order.
 */
const P = 'test-keyset-pages:';
const SOURCE = `${P}source`;
const SEED = 20261201;
const CENTRES = 41;
const TRANSFERS = 33;
const PAGE_SIZES = [1, 4, 10];
const DIRECTIONS = ['ASC', 'DESC'] as const;

const random = new Prng(SEED);
const NAMES = ['Alpha Compound', 'alpha compound', 'Ålpha Compound', 'Beta Park', 'KK Park', 'Zeta', 'Beta Park '];
const centres = Array.from({ length: CENTRES }, (_, i) => ({
  kind: 'ScamCentre',
  id: `${P}centre-${String(random.int(1000)).padStart(3, '0')}-${i}`,
  name: random.pick(NAMES),
  ...(random.chance(0.7) ? { lastSeen: `2025-0${1 + random.int(3)}-1${random.int(3)}` } : {}),
  ...(random.chance(0.6) ? { estimatedWorkforce: random.pick([100, 250, 250, 1000]) } : {}),
  provenance: grade(SOURCE),
}));
const accounts = ['a', 'b', 'c'].map((name) => ({ kind: 'Account', id: `${P}${name}`, name: `Keyset account ${name}`, accountType: 'BANK_ACCOUNT', provenance: grade(SOURCE) }));
const transfers = Array.from({ length: TRANSFERS }, (_, i) => {
  const amountUsd = random.chance(0.8) ? random.pick([10, 10, 99.5, 1000]) : undefined;
  return {
    type: 'TRANSFERRED', id: `${P}t-${String(random.int(100)).padStart(2, '0')}-${i}`, from: `${P}a`, to: random.pick([`${P}b`, `${P}c`]),
    ...(random.chance(0.85) ? { at: `2025-01-0${1 + random.int(3)}T10:00:00Z` } : {}),
    ...(amountUsd === undefined ? {} : { amountUsd, amount: amountUsd, currency: 'USD' }),
    provenance: grade(SOURCE),
  };
});

describe('keyset pages: the seek form gives the reference form\'s pages', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await removeByPrefix(api.db, P);
    await writeRecords(api.db, [{ kind: 'Source', id: SOURCE, name: 'Keyset test source' }, ...centres, ...accounts, ...transfers]);
  });
  afterAll(async () => {
    await removeByPrefix(api.db, P);
    await api.stop();
  });

  /** Every row of a list, page after page from each page's last row: [id, sort value] in order. */
  async function allRows(maxPages: number, fetchPage: (after: { value: string | number | null; id: string } | undefined) => Promise<{ rows: Array<[string, string | number | null]>; hasNextPage: boolean }>): Promise<Array<[string, unknown]>> {
    const rows: Array<[string, unknown]> = [];
    let after: { value: string | number | null; id: string } | undefined;
    for (let page = 0; page <= maxPages; page++) {
      const result = await fetchPage(after);
      rows.push(...result.rows);
      const last = result.rows.at(-1);
      if (!result.hasNextPage || !last) return rows;
      after = { value: last[1], id: last[0] };
    }
    throw new Error('paging did not end');
  }

  const centrePages = (field: string, direction: 'ASC' | 'DESC', first: number, keyset: KeysetForm) =>
    allRows(CENTRES, async (after: EntityListQuery['after']) => {
      const sort = SORT_EXPRESSIONS[field]!;
      const result = await listEntities(api.db, {
        label: 'ScamCentre', conditions: ['n.id STARTS WITH $keysetPrefix'], params: { keysetPrefix: P },
        sortExpression: sort.expression, sortAlwaysSet: sort.alwaysSet ?? false, direction, first, after, keyset,
      }, SEES_EVERYTHING);
      return { rows: result.rows.map((row): [string, string | number | null] => [row.entity.id, row.sortValue]), hasNextPage: result.hasNextPage };
    });

  // `windowed`: a time window and an amount bound, so the seek form sorts on the bare property (index order).
  const transferPages = (sort: TransferListQuery['sort'], direction: 'ASC' | 'DESC', first: number, keyset: KeysetForm, windowed = false) =>
    allRows(TRANSFERS, async (after: TransferListQuery['after']) => {
      const result = await listTransfers(api.db, {
        from: `${P}a`, to: null, since: windowed ? '2025-01-01T00:00:00.000Z' : null, until: windowed ? '2025-02-01T00:00:00.000Z' : null,
        minAmountUsd: windowed ? 0 : null, maxAmountUsd: null, currency: null, provenance: null,
        sort, direction, first, after, keyset,
      }, SEES_EVERYTHING);
      return { rows: result.rows.map((row): [string, string | number | null] => [row.transfer.id, row.sortValue]), hasNextPage: result.hasNextPage };
    });

  for (const field of Object.keys(SORT_EXPRESSIONS)) {
    it(`scam centres by ${field}, both directions, pages of ${PAGE_SIZES.join(', ')}`, async () => {
      for (const direction of DIRECTIONS) {
        const reference = await centrePages(field, direction, CENTRES + 1, 'reference');
        expect(new Set(reference.map(([id]) => id)).size).toBe(CENTRES);
        for (const first of PAGE_SIZES) {
          expect(await centrePages(field, direction, first, 'reference'), `${field} ${direction} ${first} reference`).toEqual(reference);
          expect(await centrePages(field, direction, first, 'seek'), `${field} ${direction} ${first} seek`).toEqual(reference);
        }
      }
    });
  }

  for (const sort of ['AT', 'AMOUNT_USD'] as const) {
    it(`transfers by ${sort}, both directions, pages of ${PAGE_SIZES.join(', ')}`, async () => {
      for (const direction of DIRECTIONS) {
        const reference = await transferPages(sort, direction, TRANSFERS + 1, 'reference');
        expect(reference).toHaveLength(TRANSFERS);
        for (const first of PAGE_SIZES) {
          expect(await transferPages(sort, direction, first, 'reference'), `${sort} ${direction} ${first} reference`).toEqual(reference);
          expect(await transferPages(sort, direction, first, 'seek'), `${sort} ${direction} ${first} seek`).toEqual(reference);
        }
      }
    });

    it(`transfers in a window with an amount bound by ${sort} (sorted on the bare property), both directions`, async () => {
      for (const direction of DIRECTIONS) {
        const reference = await transferPages(sort, direction, TRANSFERS + 1, 'reference', true);
        expect(reference.length).toBeGreaterThan(5);
        for (const first of PAGE_SIZES) expect(await transferPages(sort, direction, first, 'seek', true), `${sort} ${direction} ${first} windowed`).toEqual(reference);
      }
    });
  }
});
