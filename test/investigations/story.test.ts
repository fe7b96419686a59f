import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { seedStory } from '../support/fixtures.js';

const US_VICTIM = 'person:us-fraud-victim-1';
const SCAM_WALLET = 'account:scam-wallet-w1';
const CN_ACCOUNT = 'account:cn-holder-exchange';
const UG_VICTIM = 'person:ug-victim-1';
const MM_COMPOUND = 'scamcentre:mm-myawaddy-1';

interface Step {
  forward: boolean;
  from: { id: string };
  to: { id: string };
  relationship: { id: string; type: string; sources: Array<{ id: string }>; amountUsd?: number };
}

describe('investigator queries over the demo story', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
    await seedStory(api.db);
  });
  afterAll(() => api.stop());

  it('finds the paths from the U.S. fraud victim to the Chinese national’s account through the scam-linked wallet, sourced at every step', async () => {
    const response = await api.graphql<{ paths: Array<{ length: number; nodes: Array<{ id: string }>; steps: Step[] }> }>(
      `query ($from: ID!, $to: ID!) { paths(from: $from, to: $to, k: 3, maxHops: 5) {
        length nodes { id }
        steps { forward from { id } to { id } relationship { id type sources { id } ... on Transfer { amountUsd } } }
      } }`,
      { from: US_VICTIM, to: CN_ACCOUNT },
    );
    expect(response.errors).toBeUndefined();
    const paths = response.data!.paths;
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      expect(path.nodes[0]?.id).toBe(US_VICTIM);
      expect(path.nodes.at(-1)?.id).toBe(CN_ACCOUNT);
      expect(path.nodes.map((n) => n.id)).toContain(SCAM_WALLET);
      expect(path.length).toBe(path.steps.length);
      const last = path.steps.at(-1)!;
      expect(last.relationship.type).toBe('TRANSFERRED');
      expect(last).toMatchObject({ forward: true, from: { id: SCAM_WALLET }, to: { id: CN_ACCOUNT } });
      expect(last.relationship.amountUsd).toBeGreaterThan(0);
      for (const step of path.steps) expect(step.relationship.sources.length).toBeGreaterThan(0);
      // Consecutive steps join up.
      path.steps.forEach((step, i) => expect(step.from.id).toBe(path.nodes[i]?.id));
    }
    expect(paths.map((p) => p.length)).toEqual([...paths.map((p) => p.length)].sort((a, b) => a - b));
  });

  it('follows the money downstream of the scam-linked wallet to the Chinese national’s account, with the amount', async () => {
    const response = await api.graphql<{ moneyTrail: { totalAmountUsd: number; truncated: boolean; accounts: Array<{ account: { id: string }; hops: number; amountUsd: number; at: string; transferCount: number }>; transfers: Array<{ at: string; sources: unknown[] }>; cycles: unknown[] } }>(
      `query ($id: ID!) { moneyTrail(accountId: $id, direction: DOWNSTREAM) {
        totalAmountUsd truncated
        accounts { account { id } hops amountUsd at transferCount }
        transfers { at amountUsd sources { id } }
        cycles { id }
      } }`,
      { id: SCAM_WALLET },
    );
    expect(response.errors).toBeUndefined();
    const trail = response.data!.moneyTrail;
    const cn = trail.accounts.find((a) => a.account.id === CN_ACCOUNT);
    expect(cn).toMatchObject({ hops: 1, amountUsd: 3_650_000, transferCount: 3 });
    expect(trail.totalAmountUsd).toBe(3_650_000);
    const times = trail.transfers.map((t) => t.at);
    expect(times).toEqual([...times].sort());
    for (const transfer of trail.transfers) expect(transfer.sources.length).toBeGreaterThan(0);
  });

  it('follows the money upstream of the scam-linked wallet back to the U.S. victim’s wallet, earlier in time', async () => {
    const response = await api.graphql<{ moneyTrail: { accounts: Array<{ account: { id: string }; amountUsd: number }> } }>(
      `{ moneyTrail(accountId: "${SCAM_WALLET}", direction: UPSTREAM) { accounts { account { id } amountUsd } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.moneyTrail.accounts).toContainEqual({ account: { id: 'account:us-victim-wallet' }, amountUsd: 185_000 });
  });

  it('draws the Ugandan victim’s neighbourhood with the compound and every stop of the route', async () => {
    const response = await api.graphql<{ neighbourhood: { nodes: Array<{ id: string; kind: string; countryCode?: string }>; relationships: Array<{ type: string }>; truncated: boolean } }>(
      `{ neighbourhood(id: "${UG_VICTIM}", depth: 1) { truncated nodes { id kind ... on Location { countryCode } } relationships { type } } }`,
    );
    expect(response.errors).toBeUndefined();
    const { nodes, relationships } = response.data!.neighbourhood;
    expect(nodes[0]?.id).toBe(UG_VICTIM);
    expect(nodes.map((n) => n.id)).toContain(MM_COMPOUND);
    const countries = nodes.filter((n) => n.kind === 'LOCATION').map((n) => n.countryCode);
    for (const code of ['UG', 'AE', 'TH', 'MM']) expect(countries).toContain(code);
    expect(relationships.map((r) => r.type)).toEqual(expect.arrayContaining(['HELD_AT', 'TRAVELLED_TO', 'NATIONAL_OF']));
  });

  it('marks a neighbourhood truncated when the entity cap cuts it', async () => {
    const response = await api.graphql<{ neighbourhood: { nodes: unknown[]; truncated: boolean } }>(`{ neighbourhood(id: "${UG_VICTIM}", depth: 2, limit: 3) { truncated nodes { id } } }`);
    expect(response.data!.neighbourhood.nodes).toHaveLength(3);
    expect(response.data!.neighbourhood.truncated).toBe(true);
  });

  it('finds what two Ugandan victims share: their compound', async () => {
    const response = await api.graphql<{ commonConnections: { connections: Array<{ entity: { id: string }; sharedBy: number; links: Array<{ nodes: Array<{ id: string }> }> }> } }>(
      `{ commonConnections(ids: ["person:ug-victim-1", "person:ug-victim-2"], maxHops: 1) { connections { entity { id } sharedBy links { nodes { id } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const compound = response.data!.commonConnections.connections.find((c) => c.entity.id === MM_COMPOUND);
    expect(compound?.sharedBy).toBe(2);
    expect(compound?.links.map((l) => l.nodes[0]?.id).sort()).toEqual(['person:ug-victim-1', 'person:ug-victim-2']);
  });

  it('searches names with a typo, wallet identifiers, and any special characters without an error', async () => {
    const typo = await api.graphql<{ search: Array<{ entity: { id: string }; score: number }> }>(`{ search(text: "Myawady compund") { entity { id } score } }`);
    expect(typo.errors).toBeUndefined();
    expect(typo.data!.search[0]?.entity.id).toBe(MM_COMPOUND);
    const wallet = await api.graphql<{ node: { identifier: string } }>(`{ node(id: "${SCAM_WALLET}") { ... on Account { identifier } } }`);
    const identifier = wallet.data!.node.identifier;
    const byIdentifier = await api.graphql<{ search: Array<{ entity: { id: string } }> }>(`query ($t: String!) { search(text: $t, kinds: [ACCOUNT]) { entity { id } } }`, { t: identifier });
    expect(byIdentifier.data!.search[0]?.entity.id).toBe(SCAM_WALLET);
    for (const text of ['foo:(bar', '"unbalanced', 'AND OR NOT', '*', 'a/b\\c ~ ^2 [x TO y]']) {
      const odd = await api.graphql(`query ($t: String!) { search(text: $t) { score } }`, { t: text });
      expect(odd.errors, text).toBeUndefined();
    }
  });

  it('rejects empty search text with BAD_USER_INPUT', async () => {
    const response = await api.graphql(`{ search(text: "   ") { score } }`);
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('counts victims by nationality and the recruitment corridors of the story', async () => {
    const response = await api.graphql<{ victimsByNationality: { nodes: Array<{ countryCode: string; victims: number; country: { name: string } | null }> }; recruitmentCorridors: { nodes: Array<{ origin: string; transit: string[]; destination: string; victims: number }> } }>(
      `{ victimsByNationality(first: 250) { nodes { countryCode victims country { name } } } recruitmentCorridors(first: 250) { nodes { origin transit destination victims } } }`,
    );
    expect(response.errors).toBeUndefined();
    const byCode = new Map(response.data!.victimsByNationality.nodes.map((b) => [b.countryCode, b.victims]));
    expect(byCode.get('UG')).toBe(3);
    expect(byCode.get('MY')).toBe(3);
    expect(response.data!.recruitmentCorridors.nodes).toContainEqual({ origin: 'UG', transit: ['AE', 'TH'], destination: 'MM', victims: 3 });
    expect(response.data!.recruitmentCorridors.nodes).toContainEqual({ origin: 'MY', transit: [], destination: 'PE', victims: 3 });
  });

  it('counts scam centres by country and status, and flows by currency and month', async () => {
    const response = await api.graphql<{ scamCentresByCountry: { nodes: Array<{ countryCode: string; status: string; count: number }> }; flowsByCurrencyAndMonth: { nodes: Array<{ currency: string; month: string; transfers: number; amountUsd: number }> } }>(
      `{ scamCentresByCountry(first: 250) { nodes { countryCode status count } } flowsByCurrencyAndMonth(since: "2024-01-01T00:00:00Z", first: 250) { nodes { currency month transfers amountUsd } } }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.scamCentresByCountry.nodes.find((b) => b.countryCode === 'MM')?.count).toBeGreaterThanOrEqual(1);
    const usdt = response.data!.flowsByCurrencyAndMonth.nodes.filter((b) => b.currency === 'USDT');
    expect(usdt.map((b) => b.month)).toEqual([...usdt.map((b) => b.month)].sort());
    expect(usdt.reduce((sum, b) => sum + b.amountUsd, 0)).toBeGreaterThanOrEqual(3_650_000);
  });

  it('ranks the scam-linked wallet as a broker between the victim’s side and the account holder’s', async () => {
    const response = await api.graphql<{ brokers: { brokers: Array<{ entity: { id: string }; betweenness: number; degree: number }>; nodeCount: number; sampled: boolean } }>(
      `{ brokers(around: "${SCAM_WALLET}", depth: 2, first: 5, kinds: [ACCOUNT]) { nodeCount sampled brokers { entity { id } betweenness degree } } }`,
    );
    expect(response.errors).toBeUndefined();
    const ranking = response.data!.brokers;
    expect(ranking.brokers[0]?.entity.id).toBe(SCAM_WALLET);
    expect(ranking.brokers[0]?.betweenness).toBeGreaterThan(0);
    const whole = await api.graphql<{ brokers: { brokers: unknown[]; relationshipCount: number } }>(`{ brokers(first: 3) { relationshipCount brokers { betweenness } } }`);
    expect(whole.errors).toBeUndefined();
    expect(whole.data!.brokers.brokers.length).toBeGreaterThan(0);
  });

  it('states every cap in its error, and unknown ids as NOT_FOUND', async () => {
    const cases: Array<[string, RegExp, string]> = [
      [`{ paths(from: "${US_VICTIM}", to: "${CN_ACCOUNT}", k: 11) { length } }`, /k must be from 1 to 10 \(got 11\)/, 'BAD_USER_INPUT'],
      [`{ paths(from: "${US_VICTIM}", to: "${CN_ACCOUNT}", maxHops: 9) { length } }`, /maxHops must be from 1 to 8 \(got 9\)/, 'BAD_USER_INPUT'],
      [`{ neighbourhood(id: "${UG_VICTIM}", depth: 4) { truncated } }`, /depth must be from 1 to 3 \(got 4\)/, 'BAD_USER_INPUT'],
      [`{ neighbourhood(id: "${UG_VICTIM}", limit: 501) { truncated } }`, /limit must be from 1 to 500 \(got 501\)/, 'BAD_USER_INPUT'],
      [`{ moneyTrail(accountId: "${SCAM_WALLET}", maxAccounts: 5000) { truncated } }`, /maxAccounts must be from 1 to 1000/, 'BAD_USER_INPUT'],
      [`{ moneyTrail(accountId: "${UG_VICTIM}") { truncated } }`, /is a Person, not an Account/, 'BAD_USER_INPUT'],
      [`{ commonConnections(ids: ["${UG_VICTIM}"]) { connections { sharedBy } } }`, /ids must name 2 to 10 different entities \(got 1\)/, 'BAD_USER_INPUT'],
      [`{ search(text: "x", first: 1000) { score } }`, /first must be from 1 to 100/, 'BAD_USER_INPUT'],
      [`{ paths(from: "nobody", to: "${CN_ACCOUNT}") { length } }`, /from: no entity has id "nobody"/, 'NOT_FOUND'],
      [`{ neighbourhood(id: "nobody") { truncated } }`, /no entity has id "nobody"/, 'NOT_FOUND'],
    ];
    for (const [query, message, code] of cases) {
      const response = await api.graphql(query);
      expect(response.errors?.[0]?.extensions?.['code'], query).toBe(code);
      expect(response.errors?.[0]?.message, query).toMatch(message);
    }
  });
});
