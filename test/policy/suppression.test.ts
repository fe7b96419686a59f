import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/context/index.js';
import { K_ANONYMITY_THRESHOLD, suppressSmallBuckets } from '../../src/policy/index.js';
import { grade, rel, removeByPrefix, seedStory, writeRecords } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/**
 * Small numbers are not published: below investigator every dashboard bucket under k = 11 is
 * suppressed, with enough others that no suppressed one can be recovered from a total (the
 * complement attack), and no narrower filter isolates a small bucket. Investigators see exact numbers.
 */
const K = K_ANONYMITY_THRESHOLD;
const P = 'test-policy-k:';
const SOURCE = `${P}source`;
const BIG = `${P}country-big`;
const EXACTLY_K = `${P}country-k`;
const SMALL = `${P}country-small`;
/** A second small bucket, so the small ones together count k or more and no shown bucket must go with them. */
const SMALL_TOO = `${P}country-small-too`;
/** A currency of our own, so the flow buckets are ours alone. */
const CURRENCY = 'ZZKTEST';
const MONTH = '2031-03';

describe('suppressSmallBuckets', () => {
  it('suppresses buckets under k, then the smallest others until at least two are suppressed and they count at least k', () => {
    expect(suppressSmallBuckets([20, 15, 12], 11)).toEqual([false, false, false]);
    // One small bucket: the smallest shown one goes with it (else total − shown = the small one).
    expect(suppressSmallBuckets([20, 15, 3], 11)).toEqual([false, true, true]);
    // Two small ones that together count under k: a third goes with them.
    expect(suppressSmallBuckets([30, 12, 2, 1], 11)).toEqual([false, true, true, true]);
    // Two small ones counting k or more: enough.
    expect(suppressSmallBuckets([30, 6, 5], 11)).toEqual([false, true, true]);
    // Everything small: everything suppressed.
    expect(suppressSmallBuckets([3, 2], 11)).toEqual([true, true]);
    expect(suppressSmallBuckets([], 11)).toEqual([]);
  });
});

interface Row { suppressed: boolean; [field: string]: unknown }

/**
 * The guarantee over one whole table, with the investigator's exact numbers as the truth: every
 * shown count is the exact one and at least k; the suppressed are none, or at least two that
 * together count at least k — so a client that knows the exact total (total − shown) learns only
 * their sum, never one of them.
 */
function expectSafeTable(published: Row[], exact: Row[], keyOf: (row: Row) => string, count: string): void {
  const truth = new Map(exact.map((row) => [keyOf(row), row[count] as number]));
  expect(published.map(keyOf).sort()).toEqual([...truth.keys()].sort());
  const suppressed = published.filter((row) => row.suppressed);
  for (const row of published) {
    if (row.suppressed) expect(row[count]).toBeNull();
    else {
      expect(row[count]).toBe(truth.get(keyOf(row)));
      expect(row[count]).toBeGreaterThanOrEqual(K);
    }
  }
  // When every bucket is suppressed their sum is the total itself: nothing more to protect.
  if (suppressed.length > 0 && suppressed.length < published.length) {
    expect(suppressed.length).toBeGreaterThanOrEqual(2);
    const total = [...truth.values()].reduce((a, b) => a + b, 0);
    const shown = published.filter((row) => !row.suppressed).reduce((sum, row) => sum + (row[count] as number), 0);
    // The complement attack recovers only the sum of the suppressed buckets, which is at least k.
    expect(total - shown).toBeGreaterThanOrEqual(K);
  }
  // Suppressed buckets come last, in the order of their keys, not of their sizes.
  const firstSuppressed = published.findIndex((row) => row.suppressed);
  if (firstSuppressed >= 0) expect(published.slice(firstSuppressed).every((row) => row.suppressed)).toBe(true);
}

describe('dashboards for each role', () => {
  const servers = {} as Record<Role, TestApi>;
  const ask = async <T>(role: Role, query: string): Promise<T> => {
    const response = await servers[role].graphql<T>(query);
    expect(response.errors).toBeUndefined();
    return response.data as T;
  };

  beforeAll(async () => {
    [servers.viewer, servers.analyst, servers.investigator] = await Promise.all([
      startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' } }),
      startTestApi({}, undefined, { auth: { anonymousRole: 'analyst' } }),
      startTestApi({}, undefined, { auth: { anonymousRole: 'investigator' } }),
    ]);
    const db = servers.viewer.db;
    await seedStory(db);
    await removeByPrefix(db, P);
    const victims = (country: string, n: number) => Array.from({ length: n }, (_, i) => [
      { kind: 'Person', id: `${country}:victim-${i}`, name: `K test victim ${country.slice(P.length)} ${i}`, roles: ['TRAFFICKING_VICTIM'], provenance: grade(SOURCE) },
      rel('NATIONAL_OF', `${country}:victim-${i}`, country, SOURCE),
    ]).flat();
    const transfers = (from: string, to: string, days: number[], currency: string): Array<Record<string, unknown>> => days.map((day) => rel('TRANSFERRED', from, to, SOURCE, {
      id: `${P}transfer-${currency}-${day}`, amount: 100, currency, amountUsd: 100, at: `${MONTH}-${String(day).padStart(2, '0')}T12:00:00Z`,
    }));
    await writeRecords(db, [
      { kind: 'Source', id: SOURCE, name: 'k-suppression test source' },
      ...[[BIG, 'XK'], [EXACTLY_K, 'XK'], [SMALL, 'XK'], [SMALL_TOO, 'XK']].map(([id, code]) => ({ kind: 'Location', id, name: `Country ${id}`, locationType: 'COUNTRY', countryCode: code, provenance: grade(SOURCE) })),
      ...victims(BIG, 12), ...victims(EXACTLY_K, K), ...victims(SMALL, 3), ...victims(SMALL_TOO, 8),
      { kind: 'Account', id: `${P}account-a`, name: 'K test account A', provenance: grade(SOURCE) },
      { kind: 'Account', id: `${P}account-b`, name: 'K test account B', provenance: grade(SOURCE) },
      // 12 transfers in the month, one a day: a window from the 2nd would isolate the first day's one.
      ...transfers(`${P}account-a`, `${P}account-b`, Array.from({ length: 12 }, (_, i) => i + 1), CURRENCY),
      // A small bucket alone in its month: a table of one small bucket is suppressed whole.
      ...transfers(`${P}account-a`, `${P}account-b`, [1, 2, 3], `${CURRENCY}2`).map((t) => ({ ...t, id: `${t.id}-may`, at: String(t.at).replace(MONTH, '2031-05') })),
    ]);
  }, 120_000);
  afterAll(async () => {
    await removeByPrefix(servers.viewer.db, P);
    await Promise.all(Object.values(servers).map((server) => server?.stop()));
  });

  const NATIONALITIES = '{ victimsByNationality(first: 250) { nodes { country { id } countryCode victims suppressed } } }';
  type Nationalities = { victimsByNationality: { nodes: Array<Row & { country: { id: string } | null; victims: number | null }> } };
  const nationalityKey = (row: Row) => (row['country'] as { id: string } | null)?.id ?? 'unknown';

  it('victimsByNationality: an investigator sees every bucket exactly, small ones included', async () => {
    const { victimsByNationality: { nodes: rows } } = await ask<Nationalities>('investigator', NATIONALITIES);
    const byCountry = new Map(rows.map((row) => [nationalityKey(row), row]));
    expect(byCountry.get(BIG)).toMatchObject({ victims: 12, suppressed: false });
    expect(byCountry.get(EXACTLY_K)).toMatchObject({ victims: K, suppressed: false });
    expect(byCountry.get(SMALL)).toMatchObject({ victims: 3, suppressed: false });
  });

  for (const role of ['viewer', 'analyst'] as const) {
    it(`victimsByNationality for ${role}: k and more shown, smaller suppressed, and the complement attack recovers nothing`, async () => {
      const [{ victimsByNationality: { nodes: published } }, { victimsByNationality: { nodes: exact } }] = await Promise.all([
        ask<Nationalities>(role, NATIONALITIES), ask<Nationalities>('investigator', NATIONALITIES),
      ]);
      const byCountry = new Map(published.map((row) => [nationalityKey(row), row]));
      expect(byCountry.get(BIG)).toMatchObject({ victims: 12, suppressed: false });
      expect(byCountry.get(EXACTLY_K)).toMatchObject({ victims: K, suppressed: false });
      expect(byCountry.get(SMALL)).toMatchObject({ victims: null, suppressed: true });
      // The story's 3 Ugandan victims are a small bucket too.
      expect(published.find((row) => row.countryCode === 'UG')).toMatchObject({ victims: null, suppressed: true });
      expectSafeTable(published, exact, nationalityKey, 'victims');
    });
  }

  it('a viewer cannot count a small bucket through the lists instead: victims are not in them', async () => {
    const query = `{ people(filter: { nationality: "XK", roles: [TRAFFICKING_VICTIM] }) { totalCount } }`;
    expect(await ask('investigator', query)).toEqual({ people: { totalCount: 12 + K + 3 + 8 } });
    expect(await ask('viewer', query)).toEqual({ people: { totalCount: 0 } });
    const centre = `{ node(id: "${SMALL}") { relationships(direction: INCOMING, types: [NATIONAL_OF]) { totalCount } } }`;
    expect(await ask('viewer', centre)).toEqual({ node: { relationships: { totalCount: 0 } } });
  });

  const CORRIDORS = '{ recruitmentCorridors(first: 250) { nodes { origin transit destination victims suppressed } } }';
  const SCAM_CENTRES = '{ scamCentresByCountry(first: 250) { nodes { countryCode status count suppressed } } }';
  const corridorKey = (row: Row) => JSON.stringify([row['origin'], row['transit'], row['destination']]);
  const centreKey = (row: Row) => JSON.stringify([row['countryCode'], row['status']]);

  for (const role of ['viewer', 'analyst'] as const) {
    it(`recruitmentCorridors and scamCentresByCountry for ${role}: the same guarantee over every bucket`, async () => {
      const [corridors, exactCorridors, centres, exactCentres] = await Promise.all([
        ask<{ recruitmentCorridors: { nodes: Row[] } }>(role, CORRIDORS), ask<{ recruitmentCorridors: { nodes: Row[] } }>('investigator', CORRIDORS),
        ask<{ scamCentresByCountry: { nodes: Row[] } }>(role, SCAM_CENTRES), ask<{ scamCentresByCountry: { nodes: Row[] } }>('investigator', SCAM_CENTRES),
      ]);
      // The story's corridors are small (3 people each): the investigator sees them, the role does not.
      expect(exactCorridors.recruitmentCorridors.nodes.some((row) => typeof row['victims'] === 'number' && row['victims'] < K)).toBe(true);
      expectSafeTable(corridors.recruitmentCorridors.nodes, exactCorridors.recruitmentCorridors.nodes, corridorKey, 'victims');
      expectSafeTable(centres.scamCentresByCountry.nodes, exactCentres.scamCentresByCountry.nodes, centreKey, 'count');
    });
  }

  it('flowsByCurrencyAndMonth: below investigator a window is widened to whole months, so no narrower window isolates a few transfers', async () => {
    const flows = (since: string) => `{ flowsByCurrencyAndMonth(since: "${since}", until: "2031-04-01T00:00:00Z", first: 250) { nodes { currency month transfers amountUsd suppressed } } }`;
    type Flows = { flowsByCurrencyAndMonth: { nodes: Array<Row & { currency: string; month: string }> } };
    const ours = (answer: Flows) => answer.flowsByCurrencyAndMonth.nodes.filter((row) => row.currency.startsWith(CURRENCY));
    // The investigator's exact numbers: a window from the 2nd has one transfer fewer.
    expect(ours(await ask<Flows>('investigator', flows(`${MONTH}-01T00:00:00Z`)))).toEqual([
      { currency: CURRENCY, month: MONTH, transfers: 12, amountUsd: 1200, suppressed: false },
    ]);
    expect(ours(await ask<Flows>('investigator', flows(`${MONTH}-02T00:00:00Z`)))).toEqual([
      { currency: CURRENCY, month: MONTH, transfers: 11, amountUsd: 1100, suppressed: false },
    ]);
    // A viewer gets the whole month either way: the difference would be one transfer.
    for (const since of [`${MONTH}-01T00:00:00Z`, `${MONTH}-02T00:00:00Z`, `${MONTH}-12T00:00:00Z`]) {
      expect(ours(await ask<Flows>('viewer', flows(since)))).toEqual([{ currency: CURRENCY, month: MONTH, transfers: 12, amountUsd: 1200, suppressed: false }]);
    }
    // The small bucket: exact for the investigator, suppressed for the viewer.
    const may = '{ flowsByCurrencyAndMonth(since: "2031-05-01T00:00:00Z", until: "2031-06-01T00:00:00Z", first: 250) { nodes { currency month transfers amountUsd suppressed } } }';
    expect(ours(await ask<Flows>('investigator', may))).toEqual([{ currency: `${CURRENCY}2`, month: '2031-05', transfers: 3, amountUsd: 300, suppressed: false }]);
    expect(ours(await ask<Flows>('viewer', may))).toEqual([{ currency: `${CURRENCY}2`, month: '2031-05', transfers: null, amountUsd: null, suppressed: true }]);
  });
});

