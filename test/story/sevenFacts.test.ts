import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/seed/index.js';
import { deleteEntities } from '../../src/graph/index.js';
import { startTestApi, type TestApi } from '../support/testApi.js';
import { importValues } from '../interchange/support.js';

/**
 * The seven facts of the reported story (../shared/DESIGN.md "The story in the data"), each read
 * back through GraphQL over HTTP as sourced, graded entities and relationships — claims by the UN and
 * INTERPOL as claims with their figures, stand-ins marked illustrative — not as free text.
 */

const OPERATION = 'operation:interpol-2025-trafficking-fraud';
const INTERPOL = 'org:interpol';
const UNITED_NATIONS = 'org:united-nations';
const ASSISTANT_DIRECTOR = 'person:interpol-ad-vulnerable-communities';
const HOLDERS_ACCOUNT = 'account:cn-holder-exchange';
const SCAM_WALLET = 'account:scam-wallet-w1';
const US_VICTIM = 'person:us-fraud-victim-1';

const storyEntityIds = readFileSync(new URL('../../data/demo/story.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((text) => text.trim() !== '')
  .map((text) => JSON.parse(text) as Record<string, unknown>)
  .filter((line) => 'kind' in line)
  .map((line) => String(line['id']));

interface Graded {
  illustrative: boolean;
  sources: Array<{ id: string; publisher: string | null }>;
  grades: Array<{ code: string }>;
}
interface Edge<R, O = { id: string; name: string }> {
  node: R & Graded & { id: string; type: string };
  other: O;
}
interface Claim {
  statement: string | null;
  date: string | null;
  measure: string | null;
  figureText: string | null;
  figureLow: number | null;
  figureHigh: number | null;
}

const PROVENANCE = 'illustrative sources { id publisher } grades { code }';
const CLAIM_FIELDS = `... on Claim { statement date measure figureText figureLow figureHigh ${PROVENANCE} }`;

describe('the seven facts of the story, through the API', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await seedDemoData(api.db);
  });
  afterAll(async () => {
    await api.db.writeTransaction((tx) => deleteEntities(tx, storyEntityIds));
    await api.stop();
  });

  async function edgesOf<R, O = { id: string; name: string }>(id: string, direction: string, types: string[], nodeFields: string, otherFields = 'id name'): Promise<Array<Edge<R, O>>> {
    const response = await api.graphql<{ node: { relationships: { edges: Array<Edge<R, O>> } } | null }>(
      `query ($id: ID!, $types: [RelationshipType!]) {
        node(id: $id) {
          relationships(direction: ${direction}, types: $types, first: 100) {
            edges { node { id type ${nodeFields} } other { ${otherFields} } }
          }
        }
      }`,
      { id, types },
    );
    expect(response.errors).toBeUndefined();
    return response.data?.node?.relationships.edges ?? [];
  }

  const publishers = (edge: { node: Graded }) => edge.node.sources.map((source) => source.publisher);

  it('1. law enforcement from more than 20 countries inspected hundreds of hotspots in October, leading to hundreds of arrests (INTERPOL)', async () => {
    const response = await api.graphql<{ node: Record<string, unknown> & Graded }>(
      `query ($id: ID!) { node(id: $id) { illustrative sources { id publisher } grades { code }
        ... on Operation { agency startDate endDate countriesInvolvedCount hotspotsInspected arrests } } }`,
      { id: OPERATION },
    );
    expect(response.errors).toBeUndefined();
    const operation = response.data!.node;
    expect(operation).toMatchObject({ illustrative: false, agency: 'INTERPOL', startDate: '2025-10-01', endDate: '2025-10-31' });
    expect(operation['countriesInvolvedCount']).toBeGreaterThan(20);
    expect(operation['hotspotsInspected']).toBeGreaterThanOrEqual(200);
    expect(operation['arrests']).toBeGreaterThanOrEqual(200);
    expect(operation.sources.map((source) => source.publisher)).toContain('INTERPOL');
    expect(operation.grades.map((grade) => grade.code)).toContain('A2');

    const conducted = await edgesOf(OPERATION, 'INCOMING', ['CONDUCTED'], PROVENANCE);
    expect(conducted.map((edge) => [edge.other.id, edge.node.illustrative])).toEqual([[INTERPOL, false]]);
    // The operation's targets and its one arrest stand for hundreds: each link says so.
    const standIns = await edgesOf(OPERATION, 'OUTGOING', ['TARGETED', 'ARRESTED', 'RESCUED'], PROVENANCE);
    expect(standIns.length).toBeGreaterThanOrEqual(3);
    for (const edge of standIns) expect(edge.node.illustrative, edge.node.id).toBe(true);
    expect(standIns.filter((edge) => edge.node.type === 'TARGETED').map((edge) => edge.other.id)).toEqual(expect.arrayContaining(['location:pe', 'location:th']));
  });

  it('2. victims are trafficked to commit fraud "on an industrial scale, while enduring abject physical abuse" — a claim by INTERPOL', async () => {
    const claims = await edgesOf<Claim>(INTERPOL, 'OUTGOING', ['CLAIMED'], CLAIM_FIELDS);
    const claim = claims.find((edge) => edge.other.id === OPERATION);
    expect(claim, 'INTERPOL claims about its operation').toBeDefined();
    expect(claim!.node).toMatchObject({ type: 'CLAIMED', illustrative: false, date: '2025-11-25' });
    expect(claim!.node.statement).toContain('on an industrial scale, while enduring abject physical abuse');
    expect(publishers(claim!)).toContain('INTERPOL');
    expect(claim!.node.grades.map((grade) => grade.code)).toContain('A2');
  });

  it('3. Malaysians were lured to Peru by promises of highly paid work (INTERPOL)', async () => {
    const response = await api.graphql<{ people: { edges: Array<{ node: { id: string; illustrative: boolean; journey: Array<{ stage: string; location: { countryCode: string } }> } }> } }>(
      `{ people(filter: { nationality: MY, roles: [TRAFFICKING_VICTIM] }, first: 100) {
          edges { node { id illustrative journey { stage location { countryCode } } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const malaysians = response.data!.people.edges.map((edge) => edge.node).filter((person) => storyEntityIds.includes(person.id));
    expect(malaysians.length).toBeGreaterThanOrEqual(2);
    for (const person of malaysians) {
      expect(person.illustrative).toBe(true);
      expect(person.journey.find((stop) => stop.stage === 'EXPLOITATION')?.location.countryCode).toBe('PE');
      const recruited = await edgesOf<{ method: string | null; promisedJob: string | null }>(person.id, 'INCOMING', ['RECRUITED'], `${PROVENANCE} ... on Recruitment { method promisedJob }`);
      expect(recruited).toHaveLength(1);
      expect(recruited[0]!.node).toMatchObject({ method: 'JOB_OFFER', illustrative: true });
      expect(recruited[0]!.node.promisedJob).toMatch(/highly paid/i);
      expect(publishers(recruited[0]!)).toContain('INTERPOL');
    }
  });

  it('4. Ugandans were taken to Dubai, then Thailand and Myanmar, confined under armed guard and taught to defraud banks (INTERPOL)', async () => {
    const response = await api.graphql<{ people: { edges: Array<{ node: { id: string; journey: Array<{ location: { name: string } }> } }> } }>(
      `{ people(filter: { nationality: UG, roles: [TRAFFICKING_VICTIM] }, first: 100) { edges { node { id journey { location { name } } } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const ugandans = response.data!.people.edges.map((edge) => edge.node).filter((person) => storyEntityIds.includes(person.id));
    expect(ugandans.length).toBeGreaterThanOrEqual(2);
    for (const person of ugandans) {
      expect(person.journey.map((stop) => stop.location.name)).toEqual(['Uganda', 'Dubai', 'Thailand', 'Myanmar']);
      const held = await edgesOf<{ controlMethods: string[]; forcedActivity: string | null }, { id: string; locations: Array<{ countryCode: string | null }> }>(
        person.id, 'OUTGOING', ['HELD_AT'], `${PROVENANCE} ... on Confinement { controlMethods forcedActivity }`, '... on ScamCentre { id locations { countryCode } }',
      );
      expect(held).toHaveLength(1);
      expect(held[0]!.node.controlMethods).toContain('ARMED_GUARDS');
      expect(held[0]!.node.forcedActivity).toMatch(/defraud banks/);
      expect(held[0]!.other.locations.map((location) => location.countryCode)).toContain('MM');
    }
  });

  it("5. INTERPOL's Assistant Director says the modus operandi is spreading, with new scam centres as far afield as Latin America — a claim", async () => {
    const claims = await edgesOf<Claim, { id: string; name: string; locationType: string }>(ASSISTANT_DIRECTOR, 'OUTGOING', ['CLAIMED'], CLAIM_FIELDS, '... on Location { id name locationType }');
    expect(claims).toHaveLength(1);
    const [claim] = claims;
    expect(claim!.other).toEqual({ id: 'location:latin-america', name: 'Latin America', locationType: 'REGION' });
    expect(claim!.node.statement).toMatch(/spreading.*other continents.*Latin America/);
    expect(claim!.node).toMatchObject({ illustrative: false, measure: null, figureLow: null });
    expect(publishers(claim!)).toContain('INTERPOL');
    // The speaker is INTERPOL's, and Peru — where the Malaysians were held — is in Latin America.
    const memberOf = await edgesOf(ASSISTANT_DIRECTOR, 'OUTGOING', ['MEMBER_OF'], PROVENANCE);
    expect(memberOf.map((edge) => edge.other.id)).toEqual([INTERPOL]);
    const inRegion = await edgesOf('location:latin-america', 'INCOMING', ['LOCATED_IN'], PROVENANCE);
    expect(inRegion.map((edge) => edge.other.id)).toContain('location:pe');
  });

  it('6. the UN says hundreds of thousands have been trafficked in Southeast Asia into scam centres that make billions of US dollars a year — claims with figures', async () => {
    const claims = await edgesOf<Claim>(UNITED_NATIONS, 'OUTGOING', ['CLAIMED'], CLAIM_FIELDS);
    expect(claims.map((edge) => edge.other.name)).toEqual(['Southeast Asia', 'Southeast Asia']);
    const byMeasure = new Map(claims.map((edge) => [edge.node.measure, edge.node]));
    const trafficked = byMeasure.get('PEOPLE_TRAFFICKED');
    expect(trafficked).toMatchObject({ figureText: 'hundreds of thousands', illustrative: false });
    expect(trafficked!.figureLow).toBeGreaterThanOrEqual(200_000);
    expect(trafficked!.figureHigh).toBeLessThan(1_000_000);
    expect(trafficked!.statement).toMatch(/trafficked by criminal gangs in Southeast Asia/);
    const proceeds = byMeasure.get('PROCEEDS_USD_PER_YEAR');
    expect(proceeds!.figureText).toMatch(/billions of US dollars a year/);
    expect(proceeds!.figureLow).toBeGreaterThanOrEqual(1e9);
    for (const edge of claims) {
      expect(publishers(edge)).toEqual(expect.arrayContaining(['United Nations', 'Reuters']));
      expect(edge.node.grades.map((grade) => grade.code)).toContain('A2');
    }
    // The region holds the countries of the story's compounds and transit.
    const countries = await edgesOf('location:southeast-asia', 'INCOMING', ['LOCATED_IN'], PROVENANCE);
    expect(countries.map((edge) => edge.other.id)).toEqual(expect.arrayContaining(['location:th', 'location:mm']));
  });

  it("7. a Chinese national's crypto account in Thailand received millions from a wallet a U.S. blockchain analysis firm linked to scams; a victim was a U.S. national (Reuters)", async () => {
    const response = await api.graphql<{ node: { illustrative: boolean; locations: Array<{ id: string; countryCode: string }> } }>(
      `query ($id: ID!) { node(id: $id) { illustrative ... on Account { locations { id countryCode } } } }`,
      { id: HOLDERS_ACCOUNT },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.node.locations).toEqual([{ id: 'location:th', countryCode: 'TH' }]);
    const placed = await edgesOf(HOLDERS_ACCOUNT, 'OUTGOING', ['LOCATED_IN'], PROVENANCE);
    expect(placed.map((edge) => [edge.other.id, edge.node.illustrative])).toEqual([['location:th', true]]);
    expect(publishers(placed[0]!)).toContain('Reuters');

    const holders = await edgesOf<unknown, { id: string; nationalities: Array<{ countryCode: string }> }>(HOLDERS_ACCOUNT, 'INCOMING', ['HOLDS'], PROVENANCE, '... on Person { id nationalities { countryCode } }');
    expect(holders.map((edge) => edge.other.nationalities.map((country) => country.countryCode))).toEqual([['CN']]);

    const received = await edgesOf<{ amountUsd: number }>(HOLDERS_ACCOUNT, 'INCOMING', ['TRANSFERRED'], `${PROVENANCE} ... on Transfer { amountUsd }`);
    expect(new Set(received.map((edge) => edge.other.id))).toEqual(new Set([SCAM_WALLET]));
    expect(received.reduce((sum, edge) => sum + edge.node.amountUsd, 0)).toBeGreaterThanOrEqual(2_000_000);
    for (const edge of received) expect(publishers(edge)).toContain('Reuters');

    const attribution = await edgesOf<{ basis: string | null }>(SCAM_WALLET, 'OUTGOING', ['LINKED_TO'], `${PROVENANCE} ... on Attribution { basis }`);
    expect(attribution).toHaveLength(1);
    expect(attribution[0]!.node.basis).toMatch(/U\.S\. blockchain analysis firm/);
    const defrauded = await edgesOf(attribution[0]!.other.id, 'OUTGOING', ['DEFRAUDED'], PROVENANCE, '... on Person { id name nationalities { countryCode } }');
    expect(defrauded.map((edge) => edge.other.id)).toEqual([US_VICTIM]);
    expect((defrauded[0]!.other as unknown as { nationalities: Array<{ countryCode: string }> }).nationalities).toEqual([{ countryCode: 'US' }]);
  });

  it('refuses a claim whose figure bounds are upside down, naming the field, and writes nothing', async () => {
    const response = await api.graphql(
      `mutation ($input: ClaimInput!) { linkClaim(input: $input) { id } }`,
      { input: { from: UNITED_NATIONS, to: 'location:southeast-asia', measure: 'SCAM_CENTRES', figureLow: 500, figureHigh: 100, provenance: [{ source: 'source:un-2023-scam-centres-southeast-asia', reliability: 'A', credibility: 2 }] } },
    );
    expect(response.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/figureHigh.*must not be below figureLow \(500\); got 100/);
    const claims = await edgesOf<Claim>(UNITED_NATIONS, 'OUTGOING', ['CLAIMED'], CLAIM_FIELDS);
    expect(claims.map((edge) => edge.node.measure)).not.toContain('SCAM_CENTRES');
  });

  it('keeps two statements of one body about one subject apart, and refuses an update that would leave the bounds upside down', async () => {
    const input = (statement: string, more: Record<string, unknown> = {}) => ({
      from: UNITED_NATIONS, to: 'location:latin-america', statement, provenance: [{ source: 'source:un-2023-scam-centres-southeast-asia', reliability: 'A', credibility: 3 }], ...more,
    });
    const link = (value: Record<string, unknown>) => api.graphql<{ linkClaim: { id: string; figureLow: number | null; figureHigh: number | null } }>(
      'mutation ($input: ClaimInput!) { linkClaim(input: $input) { id ... on Claim { figureLow figureHigh } } }', { input: value },
    );
    const first = await link(input('Scam centres are appearing in Latin America (test claim A).', { measure: 'SCAM_CENTRES', figureLow: 10, figureHigh: 50 }));
    const second = await link(input('Victims come from other continents (test claim B).'));
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    expect(first.data!.linkClaim.id).not.toBe(second.data!.linkClaim.id);
    // Only figureHigh, below the stored figureLow: refused, and the stored claim is as it was.
    const update = await link({ ...input('Scam centres are appearing in Latin America (test claim A).', { measure: 'SCAM_CENTRES' }), id: first.data!.linkClaim.id, figureHigh: 5 });
    expect(update.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(update.errors?.[0]?.message).toMatch(/figureHigh.*must not be below figureLow \(10\); got 5/);
    const stored = await api.graphql<{ relationship: { figureLow: number; figureHigh: number } }>(
      'query ($id: ID!) { relationship(id: $id) { ... on Claim { figureLow figureHigh } } }', { id: first.data!.linkClaim.id },
    );
    expect(stored.data!.relationship).toEqual({ figureLow: 10, figureHigh: 50 });
    // The importer too: the line is rejected with the reason, the stored claim is unchanged.
    const imported = await importValues(api.db, [{ type: 'CLAIMED', id: first.data!.linkClaim.id, from: UNITED_NATIONS, to: 'location:latin-america', figureHigh: 5, provenance: [{ source: 'source:un-2023-scam-centres-southeast-asia', reliability: 'A', credibility: 3 }] }]);
    expect(imported.rejections.map((r) => r.reason)).toEqual([expect.stringMatching(/figureHigh must not be below figureLow \(10\); got 5 \(with the values already stored\)/)]);
    const after = await api.graphql<{ relationship: { figureLow: number; figureHigh: number } }>(
      'query ($id: ID!) { relationship(id: $id) { ... on Claim { figureLow figureHigh } } }', { id: first.data!.linkClaim.id },
    );
    expect(after.data!.relationship).toEqual({ figureLow: 10, figureHigh: 50 });
    for (const r of [first, second]) await api.graphql('mutation ($id: ID!) { unlink(id: $id) { removed } }', { id: r.data!.linkClaim.id });
  });
});
