import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedStory } from '../support/fixtures.js';
import { startTestApi, type TestApi } from '../support/testApi.js';

/** Dashboards as pages: filters, cursors, and the errors a client gets for a wrong one. */
type Page<T> = { nodes: T[]; pageInfo: { hasNextPage: boolean; endCursor: string | null }; bucketCount: number };
type Corridor = { origin: string | null; transit: string[]; destination: string | null; victims: number | null; suppressed: boolean };

describe('dashboard pages and filters', () => {
  // Unauthenticated requests get the server's anonymous role: one server per role.
  let api: TestApi;
  let viewer: TestApi;
  const corridors = (args: string, as: 'investigator' | 'viewer' = 'investigator') =>
    (as === 'viewer' ? viewer : api).graphql<{ recruitmentCorridors: Page<Corridor> }>(
      `{ recruitmentCorridors(${args}) { nodes { origin transit destination victims suppressed } pageInfo { hasNextPage endCursor } bucketCount } }`,
    );

  beforeAll(async () => {
    [api, viewer] = await Promise.all([
      startTestApi({}, undefined, { auth: { anonymousRole: 'investigator' } }),
      startTestApi({}, undefined, { auth: { anonymousRole: 'viewer' } }),
    ]);
    await seedStory(api.db);
  });
  afterAll(async () => {
    await Promise.all([api.stop(), viewer.stop()]);
  });

  it('reading on with after gives every bucket once, in the order of the whole table', async () => {
    const whole = (await corridors('first: 250')).data!.recruitmentCorridors;
    expect(whole.nodes.length).toBe(whole.bucketCount);
    expect(whole.nodes.length).toBeGreaterThan(1);
    const pages: Corridor[] = [];
    let after: string | null = null;
    for (;;) {
      const page: Page<Corridor> = (await corridors(`first: 1${after ? `, after: "${after}"` : ''}`)).data!.recruitmentCorridors;
      expect(page.bucketCount).toBe(whole.bucketCount);
      pages.push(...page.nodes);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toEqual(whole.nodes);
  });

  it('filters select from the table: by origin, destination and transit country', async () => {
    const whole = (await corridors('first: 250')).data!.recruitmentCorridors.nodes;
    const viaTh = (await corridors('via: TH, first: 250')).data!.recruitmentCorridors;
    expect(viaTh.nodes).toEqual(whole.filter((c) => c.transit.includes('TH')));
    expect(viaTh.nodes.length).toBeGreaterThan(0);
    const fromUg = (await corridors('origins: [UG], destinations: [MM], first: 250')).data!.recruitmentCorridors.nodes;
    expect(fromUg).toEqual(whole.filter((c) => c.origin === 'UG' && c.destination === 'MM'));
  });

  it('the other dashboards filter the same way: by nationality, by country and status, by currency', async () => {
    type Rows = Array<Record<string, unknown>>;
    const ask = async <T>(query: string) => {
      const response = await api.graphql<Record<string, { nodes: T }>>(query);
      expect(response.errors).toBeUndefined();
      return Object.values(response.data!)[0]!.nodes;
    };
    const nationalities = await ask<Rows>('{ victimsByNationality(first: 250) { nodes { countryCode victims } } }');
    expect(await ask<Rows>('{ victimsByNationality(nationalities: [UG], first: 250) { nodes { countryCode victims } } }')).toEqual(nationalities.filter((b) => b['countryCode'] === 'UG'));
    const centres = await ask<Rows>('{ scamCentresByCountry(first: 250) { nodes { countryCode status count } } }');
    const mm = await ask<Rows>('{ scamCentresByCountry(countries: [MM], statuses: [ACTIVE, RAIDED], first: 250) { nodes { countryCode status count } } }');
    expect(mm).toEqual(centres.filter((b) => b['countryCode'] === 'MM' && ['ACTIVE', 'RAIDED'].includes(String(b['status']))));
    expect(mm.length).toBeGreaterThan(0);
    const flows = await ask<Rows>('{ flowsByCurrencyAndMonth(first: 250) { nodes { currency month transfers } } }');
    const usdt = await ask<Rows>('{ flowsByCurrencyAndMonth(currencies: ["USDT"], first: 250) { nodes { currency month transfers } } }');
    expect(usdt).toEqual(flows.filter((b) => b['currency'] === 'USDT'));
    expect(usdt.length).toBeGreaterThan(0);
  });

  it('below investigator a filter selects published buckets: suppression is decided over the whole table', async () => {
    const whole = (await corridors('first: 250', 'viewer')).data!.recruitmentCorridors.nodes;
    const fromUg = (await corridors('origins: [UG], first: 250', 'viewer')).data!.recruitmentCorridors.nodes;
    expect(fromUg).toEqual(whole.filter((c) => c.origin === 'UG'));
  });

  it('refuses a cursor it did not give, one from another dashboard, a page size out of range, and a window that ends before it starts', async () => {
    const codeOf = (response: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) => [response.errors?.[0]?.extensions?.['code'], response.errors?.[0]?.extensions?.['field']];
    expect(codeOf(await corridors('after: "not-a-cursor"'))).toEqual(['BAD_USER_INPUT', 'after']);
    const flows = await api.graphql<{ flowsByCurrencyAndMonth: Page<unknown> }>('{ flowsByCurrencyAndMonth(first: 1) { pageInfo { endCursor } } }');
    const foreign = flows.data!.flowsByCurrencyAndMonth.pageInfo.endCursor;
    expect(foreign).not.toBeNull();
    const refused = await corridors(`after: "${foreign}"`);
    expect(codeOf(refused)).toEqual(['BAD_USER_INPUT', 'after']);
    expect(refused.errors?.[0]?.message).toMatch(/flowsByCurrencyAndMonth, not of recruitmentCorridors/);
    expect(codeOf(await corridors('first: 0'))).toEqual(['BAD_USER_INPUT', 'first']);
    expect(codeOf(await corridors('first: 251'))).toEqual(['BAD_USER_INPUT', 'first']);
    const backwards = await api.graphql('{ flowsByCurrencyAndMonth(since: "2025-02-01T00:00:00Z", until: "2025-01-01T00:00:00Z") { bucketCount } }');
    expect(codeOf(backwards)).toEqual(['BAD_USER_INPUT', 'until']);
  });
});
